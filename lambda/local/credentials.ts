/**
 * The local Lambda's API credential: a random access key id and secret per
 * server, and the AWS Signature Version 4 check that state-changing
 * control-plane calls must pass (real Lambda refuses them without IAM
 * credentials; handlers here are given none).
 *
 * The full signature is verified, not just the key id: the key id travels in
 * every request's Authorization header (and in error messages and logs of
 * clients), the secret never does, and checking is one HMAC chain per call.
 * It is implemented here with node:crypto rather than @smithy/signature-v4,
 * which the project does not declare (it is only a transitive dependency of
 * @aws-sdk/client-lambda); the tests sign with the real SDK client, so any
 * difference in canonicalisation fails them.
 */

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { LambdaApiError } from './errors.js';

/** An access key id and its secret, as `@aws-sdk/client-lambda` takes them. */
export interface ApiCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** What the check needs of a request: the raw target (path and query as sent) and the headers. */
export interface SignedRequest {
  readonly method: string;
  /** `req.url` as received: the path still percent-encoded, with its query. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** AWS refuses a signature dated more than 15 minutes from its clock. */
const MAX_SKEW_MS = 15 * 60_000;
const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;

/** A fresh credential: 20-character key id (AWS's length and alphabet), 40-character secret. */
export function newCredentials(): ApiCredentials {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const id = [...randomBytes(16)].map((byte) => alphabet[byte % 32]).join('');
  return { accessKeyId: `LOCL${id}`, secretAccessKey: randomBytes(30).toString('base64') };
}

/**
 * Throws the 403 AWS answers unless `request` carries a valid SigV4 signature
 * made with `credentials`: `UnrecognizedClientException` for a missing header
 * or another key id, `InvalidSignatureException` for a wrong signature or a
 * date outside AWS's 15 minutes.
 */
export function checkSignature(request: SignedRequest, credentials: ApiCredentials, now: number = Date.now()): void {
  const header = one(request.headers.authorization);
  const match = header === undefined ? null : AUTHORIZATION.exec(header);
  if (!match) throw unrecognized();
  const [, keyId, shortDate, region, service, signedList, signature] = match as unknown as string[];
  if (!equal(keyId ?? '', credentials.accessKeyId)) throw unrecognized();
  const longDate = one(request.headers['x-amz-date']) ?? '';
  const signedNames = (signedList ?? '').split(';');
  const dated = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(longDate);
  if (!dated || !longDate.startsWith(shortDate ?? '') || !signedNames.includes('host') || !signedNames.includes('x-amz-date')) {
    throw invalidSignature();
  }
  const time = Date.UTC(+dated[1]!, +dated[2]! - 1, +dated[3]!, +dated[4]!, +dated[5]!, +dated[6]!);
  if (Math.abs(now - time) > MAX_SKEW_MS) throw invalidSignature('Signature expired: the request date is more than 15 minutes from the server clock');
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const declared = one(request.headers['x-amz-content-sha256']);
  // The signature covers the hash the client declares; the body must be the one it hashed.
  if (declared !== undefined && declared !== bodyHash) throw invalidSignature();
  const canonicalHeaders = signedNames.map((name) => `${name}:${(one(request.headers[name]) ?? '').trim().replace(/\s+/g, ' ')}`);
  const queryAt = request.target.indexOf('?');
  const path = queryAt < 0 ? request.target : request.target.slice(0, queryAt);
  const query = queryAt < 0 ? '' : request.target.slice(queryAt + 1);
  const canonical = [
    request.method, canonicalPath(path), canonicalQuery(query), `${canonicalHeaders.join('\n')}\n`, signedList, declared ?? bodyHash,
  ].join('\n');
  const scope = `${shortDate}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', longDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  let key: Buffer = hmac(`AWS4${credentials.secretAccessKey}`, shortDate ?? '');
  for (const part of [region ?? '', service ?? '', 'aws4_request']) key = hmac(key, part);
  if (!equal(hmac(key, toSign).toString('hex'), signature ?? '')) throw invalidSignature();
}

/** The path as SigV4 canonicalises it for every service but S3: normalised, then encoded once more. */
function canonicalPath(raw: string): string {
  const segments: string[] = [];
  for (const segment of raw.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normal = `${raw.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && raw.endsWith('/') ? '/' : ''}`;
  return escape(normal).replace(/%2F/g, '/');
}

/** The query sorted by name, then value, every name and value encoded as SigV4 encodes it. */
function canonicalQuery(raw: string): string {
  if (raw === '') return '';
  const pairs = raw.split('&').filter((part) => part !== '').map((part) => {
    const at = part.indexOf('=');
    const name = decodeURIComponent(at < 0 ? part : part.slice(0, at));
    const value = at < 0 ? '' : decodeURIComponent(part.slice(at + 1));
    return { name, text: `${escape(name)}=${escape(value)}` };
  });
  const names = [...new Set(pairs.map((pair) => pair.name))].sort();
  return names.map((name) => pairs.filter((pair) => pair.name === name).map((pair) => pair.text).sort().join('&')).join('&');
}

/** RFC 3986 encoding: encodeURIComponent plus the five characters it leaves. */
function escape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** Compares in constant time, so the answer's timing says nothing about how much of a guess was right. */
function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

function unrecognized(): LambdaApiError {
  return new LambdaApiError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.', 'message');
}

function invalidSignature(detail = 'The request signature we calculated does not match the signature you provided.'): LambdaApiError {
  return new LambdaApiError(403, 'InvalidSignatureException', detail, 'message');
}
