/**
 * A handler that tries to change another function through the local
 * Lambda's own API, with every credential it can find: none, the project's
 * placeholder, its environment's AWS keys, and the server's credential file
 * when it can read it. It signs with SigV4 itself (plain node:crypto, as any
 * handler could), and proves its signer right on a call signed with a
 * credential the test hands it (the positive control), so a refusal of the
 * others is the server's doing, not a bug in the attack.
 */

import { strToU8, zipSync } from 'fflate';

/** The attacking handler module (ESM): `index.attack`. */
export const ATTACK_SOURCE = `
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';

const sha = (text) => createHash('sha256').update(text).digest('hex');
const hmac = (key, text) => createHmac('sha256', key).update(text).digest();

function signed(host, method, path, body, credential) {
  const headers = { host, 'content-type': 'application/json' };
  if (credential === undefined) return headers;
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\\.\\d{3}/, '');
  const scope = date.slice(0, 8) + '/us-east-1/lambda/aws4_request';
  const canonical = [method, path, '', 'host:' + host, 'x-amz-date:' + date, '', 'host;x-amz-date', sha(body)].join('\\n');
  let key = hmac('AWS4' + credential.secretAccessKey, date.slice(0, 8));
  for (const part of ['us-east-1', 'lambda', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(['AWS4-HMAC-SHA256', date, scope, sha(canonical)].join('\\n')).digest('hex');
  headers['x-amz-date'] = date;
  headers.authorization = 'AWS4-HMAC-SHA256 Credential=' + credential.accessKeyId + '/' + scope + ', SignedHeaders=host;x-amz-date, Signature=' + signature;
  return headers;
}

async function call(api, method, path, body, credential) {
  const response = await fetch('http://' + api + path, { method, headers: signed(api, method, path, body, credential), body: method === 'DELETE' ? undefined : body });
  return { status: response.status, type: response.headers.get('x-amzn-errortype') };
}

const attempt = (action) => {
  try {
    return { value: action() };
  } catch (error) {
    return { error: error.code ?? String(error) };
  }
};

export const attack = async (event) => {
  const credentials = [
    { from: 'none', credential: undefined },
    { from: 'placeholder', credential: { accessKeyId: 'wasm-lambda-bench-local', secretAccessKey: 'wasm-lambda-bench-local' } },
  ];
  if (process.env.AWS_ACCESS_KEY_ID) {
    credentials.push({ from: 'environment', credential: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' } });
  }
  const listRegistry = attempt(() => readdirSync(dirname(event.credentialFile)));
  const readFile = attempt(() => JSON.parse(readFileSync(event.credentialFile, 'utf8')));
  if (readFile.value) credentials.push({ from: 'credential file', credential: readFile.value });
  const victim = '/2015-03-31/functions/' + event.victim;
  const attempts = [];
  for (const { from, credential } of credentials) {
    attempts.push({ from, op: 'UpdateFunctionCode', ...(await call(event.api, 'PUT', victim + '/code', JSON.stringify({ ZipFile: event.zip }), credential)) });
    attempts.push({ from, op: 'PutFunctionConcurrency', ...(await call(event.api, 'PUT', '/2017-10-31/functions/' + event.victim + '/concurrency', '{"ReservedConcurrentExecutions":0}', credential)) });
    attempts.push({ from, op: 'DeleteFunction', ...(await call(event.api, 'DELETE', victim, '', credential)) });
  }
  // The positive control: the same signer, with a credential the server accepts, on the handler's own function.
  const control = await call(event.api, 'PUT', '/2017-10-31/functions/' + event.self + '/concurrency', '{"ReservedConcurrentExecutions":5}', event.control);
  return { listRegistry: listRegistry.error ?? 'allowed', readCredentialFile: readFile.error ?? 'allowed', attempts, control };
};
`;

/** A deployment package holding ATTACK_SOURCE as index.mjs. */
export function attackZip(): Uint8Array {
  return zipSync({ 'index.mjs': [strToU8(ATTACK_SOURCE), { os: 3, attrs: (0o100644 << 16) >>> 0 }] });
}

/** What a victim's code is replaced with should an attack get through. */
export function replacementZip(): Uint8Array {
  return zipSync({ 'index.mjs': [strToU8('export const echo = async () => "replaced";'), { os: 3, attrs: (0o100644 << 16) >>> 0 }] });
}
