/** Deploy semantics through the local Lambda, via the SDK only: updates only what changed, never touches foreign functions. */
import { CreateFunctionCommand, DeleteFunctionCommand, GetFunctionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalLambda } from '../local/server.js';
import { lambdaClient, urlEndpoint } from './endpoint.js';
import { ensureFunction, type FunctionSpec } from './deploy.js';
import { planFunctions } from './plan.js';
import { teardown } from './teardown.js';
import { PLACEHOLDER_ROLE } from './names.js';
import { readLambdaPackage } from '../package/build.js';
import type { LocalLambda } from '../local/types.js';

const PREFIX = 'wlbdeploy-';

describe('ensureFunction and teardown', () => {
  let local: LocalLambda;
  let client: LambdaClient;
  beforeAll(async () => {
    local = await startLocalLambda({ port: 0, notice: () => undefined });
    client = lambdaClient(urlEndpoint('endpoint', local.endpoint, undefined, local.credentials), { timed: false });
  });
  afterAll(async () => {
    client?.destroy();
    await local?.close();
  });

  it('creates, then updates only configuration or only code, as they drift', async () => {
    const settings = { memory: [128], arch: ['x86_64' as const], prefix: PREFIX, runtime: 'nodejs22.x', timeoutSeconds: 60 };
    const [spec] = planFunctions([{ name: 'noop' }], ['node'], settings).functions;
    if (!spec) throw new Error('nothing planned');
    expect(await ensureFunction(client, spec)).toMatchObject({ action: 'created', uploadedBytes: spec.zip.length });

    const shorter: FunctionSpec = { ...spec, timeout: 30 };
    expect(await ensureFunction(client, shorter)).toMatchObject({ action: 'updated', uploadedBytes: 0, configChanged: ['Timeout'] });

    const other = readLambdaPackage('sha256', 'node');
    const newCode: FunctionSpec = { ...shorter, zip: other.zip, codeSha256: other.manifest.codeSha256 };
    expect(await ensureFunction(client, newCode)).toMatchObject({ action: 'updated', uploadedBytes: other.zip.length, configChanged: [] });
    const deployed = await client.send(new GetFunctionCommand({ FunctionName: spec.name }));
    expect(deployed.Configuration?.CodeSha256).toBe(other.manifest.codeSha256);
    expect(deployed.Configuration?.Timeout).toBe(30);
    expect(await ensureFunction(client, newCode)).toMatchObject({ action: 'unchanged', uploadedBytes: 0 });
  });

  it('leaves functions without the project tag alone, in deploy and in teardown', async () => {
    const [spec] = planFunctions([{ name: 'noop' }], ['wasm'], { memory: [256], arch: ['x86_64'], prefix: PREFIX, runtime: 'nodejs22.x', timeoutSeconds: 60 }).functions;
    if (!spec) throw new Error('nothing planned');
    await client.send(
      new CreateFunctionCommand({ FunctionName: spec.name, Runtime: 'nodejs22.x', Role: PLACEHOLDER_ROLE, Handler: 'index.handler', Code: { ZipFile: spec.zip } }),
    );
    await expect(ensureFunction(client, spec)).rejects.toThrow(/without the wasm-lambda-bench tag/);
    // The tagged function of the previous test is the only one teardown may delete.
    const outcome = await teardown(client, PREFIX);
    expect(outcome.skipped).toEqual([spec.name]);
    expect(outcome.deleted).toEqual([`${PREFIX}noop-node-128-x86`]);
    await client.send(new DeleteFunctionCommand({ FunctionName: spec.name }));
  });
});
