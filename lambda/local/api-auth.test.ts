/**
 * Calls that change functions need the server's own credential (issue 10):
 * the real SDK's signatures pass; unsigned calls, other keys, a wrong
 * secret, a changed body or an old date get AWS's 403; reads and Invoke stay
 * open. The standalone server's credential file is this user's only, and
 * goes with the server. As root, a handler that attacks another function
 * through the API with whatever it can find is refused and the victim keeps
 * its code.
 */

import { lstatSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  UpdateFunctionCodeCommand,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attackZip, replacementZip } from './api-attack.fixture.js';
import { credentialFilePath, readCredentialFile } from './credential-file.js';
import { checkSignature, type ApiCredentials, type SignedRequest } from './credentials.js';
import { LambdaApiError } from './errors.js';
import { handlerZip } from './handlers.fixture.js';
import { startLocalLambda } from './server.js';
import type { LocalLambda } from './types.js';

const ROLE = 'arn:aws:iam::000000000000:role/local-test';
const PLACEHOLDER = { accessKeyId: 'wasm-lambda-bench-local', secretAccessKey: 'wasm-lambda-bench-local' };
const isRoot = process.getuid?.() === 0;

function clientFor(endpoint: string, credentials: ApiCredentials): LambdaClient {
  return new LambdaClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** The 403 the SDK raised, as `<status> <type>`; fails the test when the call went through. */
async function refusal(call: Promise<unknown>): Promise<string> {
  const error = await call.then(() => undefined, (e: unknown) => e as { name: string; $metadata?: { httpStatusCode?: number } });
  if (error === undefined) throw new Error('the call went through');
  return `${error.$metadata?.httpStatusCode ?? '?'} ${error.name}`;
}

describe('checkSignature, on a request the SDK signed', () => {
  const credentials = { accessKeyId: 'LOCLTESTKEYID0000000', secretAccessKey: 'test-secret' };
  let captured: SignedRequest;
  let signedAt: number;

  beforeAll(async () => {
    // A loopback server that records one request as the local Lambda would receive it.
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        captured = { method: req.method ?? '', target: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = clientFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, credentials);
    signedAt = Date.now();
    await client.send(new UpdateFunctionCodeCommand({ FunctionName: 'name with spaces:$LATEST', ZipFile: new Uint8Array([1, 2, 3]) })).catch(() => undefined);
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const outcome = (request: SignedRequest, key: ApiCredentials = credentials, now = signedAt): string => {
    try {
      checkSignature(request, key, now);
      return 'accepted';
    } catch (error) {
      return error instanceof LambdaApiError ? `${error.status} ${error.type}` : String(error);
    }
  };

  it('accepts it as signed, encoded path included', () => {
    expect(captured.target).toContain('%20');
    expect(outcome(captured)).toBe('accepted');
  });

  it('refuses it unsigned, under another key, with another secret, with another body, or 20 minutes late', () => {
    const { authorization: _, ...unsigned } = captured.headers;
    expect(outcome({ ...captured, headers: unsigned })).toBe('403 UnrecognizedClientException');
    expect(outcome(captured, { ...credentials, accessKeyId: 'LOCLOTHERKEYID000000' })).toBe('403 UnrecognizedClientException');
    expect(outcome(captured, { ...credentials, secretAccessKey: 'guess' })).toBe('403 InvalidSignatureException');
    expect(outcome({ ...captured, body: Buffer.from('{"ZipFile":"AAAA"}') })).toBe('403 InvalidSignatureException');
    expect(outcome({ ...captured, target: captured.target.replace('spaces', 'space') })).toBe('403 InvalidSignatureException');
    expect(outcome(captured, credentials, signedAt + 20 * 60_000)).toBe('403 InvalidSignatureException');
  });
});

describe('the local Lambda API credential', () => {
  let lambda: LocalLambda;
  let owner: LambdaClient;
  let stranger: LambdaClient;
  let file: string;

  beforeAll(async () => {
    lambda = await startLocalLambda({ runtimeClient: 'fallback', cgroups: 'off', freezeIdle: false, notice: () => undefined, credentialFile: true });
    file = credentialFilePath(lambda.port);
    owner = clientFor(lambda.endpoint, lambda.credentials);
    stranger = clientFor(lambda.endpoint, PLACEHOLDER);
    await owner.send(new CreateFunctionCommand({
      FunctionName: 'kept', Role: ROLE, Runtime: 'nodejs20.x', Handler: 'index.echo', Code: { ZipFile: handlerZip() }, MemorySize: 128,
    }));
    await waitUntilFunctionActiveV2({ client: owner, maxWaitTime: 20 }, { FunctionName: 'kept' });
  }, 60_000);

  afterAll(async () => {
    owner?.destroy();
    stranger?.destroy();
    await lambda?.close();
  });

  it('refuses changes signed with anything but its credential, as AWS does', async () => {
    const create = new CreateFunctionCommand({ FunctionName: 'x', Role: ROLE, Runtime: 'nodejs20.x', Handler: 'index.echo', Code: { ZipFile: handlerZip() } });
    expect(await refusal(stranger.send(create))).toBe('403 UnrecognizedClientException');
    const wrongSecret = clientFor(lambda.endpoint, { ...lambda.credentials, secretAccessKey: PLACEHOLDER.secretAccessKey });
    expect(await refusal(wrongSecret.send(new DeleteFunctionCommand({ FunctionName: 'kept' })))).toBe('403 InvalidSignatureException');
    wrongSecret.destroy();
    expect((await owner.send(new ListFunctionsCommand({}))).Functions?.map((f) => f.FunctionName)).toEqual(['kept']);
  });

  it('leaves reads and Invoke open', async () => {
    expect((await stranger.send(new GetFunctionCommand({ FunctionName: 'kept' }))).Configuration?.FunctionName).toBe('kept');
    const invoked = await stranger.send(new InvokeCommand({ FunctionName: 'kept', Payload: '{}' }));
    expect(invoked.FunctionError).toBeUndefined();
  });

  it('keeps the credential out of the status and in a file only this user can read, removed on close', async () => {
    expect(JSON.stringify(lambda.status())).not.toContain(lambda.credentials.secretAccessKey);
    expect(lambda.status().credentialFile).toBe(file);
    expect(lstatSync(file).mode & 0o777).toBe(0o600);
    // Field by field: the SDK client marks the object it was given with a `$source`.
    const { accessKeyId, secretAccessKey } = lambda.credentials;
    expect(readCredentialFile(lambda.port)).toEqual({ accessKeyId, secretAccessKey });
    const other = await startLocalLambda({ runtimeClient: 'fallback', cgroups: 'off', notice: () => undefined, credentialFile: true });
    const otherFile = credentialFilePath(other.port);
    expect(readCredentialFile(other.port)).toEqual(other.credentials);
    await other.close();
    expect(() => lstatSync(otherFile)).toThrow(/ENOENT/);
    expect(readCredentialFile(other.port)).toBeUndefined();
  });

  it('says when handlers run as its own user and so could read the credential', () => {
    const status = lambda.status();
    if (status.handlerUser === 'same-user') expect(status.apiAuthReason).toMatch(/same|server's user/);
    else expect(status.apiAuthReason).toBeUndefined();
  });
});

describe.skipIf(!isRoot)('a handler attacking another function through the API (needs root: handlers run as other users)', () => {
  let lambda: LocalLambda;
  let client: LambdaClient;

  beforeAll(async () => {
    lambda = await startLocalLambda({ runtimeClient: 'fallback', cgroups: 'off', freezeIdle: false, notice: () => undefined, credentialFile: true });
    client = clientFor(lambda.endpoint, lambda.credentials);
    const functions = { victim: { zip: handlerZip(), handler: 'index.echo' }, attacker: { zip: attackZip(), handler: 'index.attack' } };
    for (const [name, { zip, handler }] of Object.entries(functions)) {
      await client.send(new CreateFunctionCommand({
        FunctionName: name, Role: ROLE, Runtime: 'nodejs20.x', Handler: handler, Code: { ZipFile: zip }, MemorySize: 256, Timeout: 30,
      }));
      await waitUntilFunctionActiveV2({ client, maxWaitTime: 20 }, { FunctionName: name });
    }
  }, 60_000);

  afterAll(async () => {
    client?.destroy();
    await lambda?.close();
  });

  it('is refused with every credential it finds, and the victim keeps its code', async () => {
    expect(lambda.status().handlerUser).toBe('separate-user');
    const before = await client.send(new GetFunctionCommand({ FunctionName: 'victim' }));
    const event = {
      // The API's port is given, as a scan of 127.0.0.1 would find it.
      api: `127.0.0.1:${lambda.port}`,
      victim: 'victim',
      self: 'attacker',
      zip: Buffer.from(replacementZip()).toString('base64'),
      credentialFile: lambda.status().credentialFile,
      control: lambda.credentials,
    };
    const raw = await client.send(new InvokeCommand({ FunctionName: 'attacker', Payload: JSON.stringify(event) }));
    expect(raw.FunctionError).toBeUndefined();
    const result = JSON.parse(new TextDecoder().decode(raw.Payload)) as {
      listRegistry: string; readCredentialFile: string; control: { status: number };
      attempts: { from: string; op: string; status: number; type: string | null }[];
    };
    // The handler's signer works: the server accepted it with the right credential.
    expect(result.control.status).toBe(200);
    expect(result.listRegistry).toBe('EACCES');
    expect(result.readCredentialFile).toBe('EACCES');
    expect(result.attempts.length).toBeGreaterThanOrEqual(6);
    for (const attempt of result.attempts) {
      expect(`${attempt.from} ${attempt.op}: ${attempt.status} ${attempt.type}`).toMatch(/: 403 (UnrecognizedClientException|InvalidSignatureException)$/);
    }
    const after = await client.send(new GetFunctionCommand({ FunctionName: 'victim' }));
    expect(after.Configuration?.CodeSha256).toBe(before.Configuration?.CodeSha256);
    expect(after.Concurrency).toBeUndefined();
    const victim = await client.send(new InvokeCommand({ FunctionName: 'victim', Payload: '{"still":"mine"}' }));
    expect(JSON.parse(new TextDecoder().decode(victim.Payload))).toMatchObject({ event: { still: 'mine' } });
  }, 60_000);
});
