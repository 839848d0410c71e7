/**
 * node-idiomatic on Lambda: the packaged handler runs sha256's node:crypto
 * variant as Lambda loads it (unzipped into a task root), and the lambda
 * placement deploys it to the local Lambda, measures it with verified
 * digests beside node, and shows a workload without a variant as a gap with
 * its manifest's reason instead of deploying anything for it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalLambda } from '../local/server.js';
import { lambdaClient, urlEndpoint } from '../deploy/endpoint.js';
import { teardown } from '../deploy/teardown.js';
import { readLambdaPackage } from '../package/build.js';
import { lambdaOptionsFrom } from '../../harness/options/lambda.js';
import { runLambdaPlacement } from '../measure/lambda-run.fixture.js';
import { encodeEvent, type HandlerResult } from './protocol.js';
import { loadCatalog } from '../../harness/workloads/catalog.js';
import { prepareReference } from '../../harness/run/reference.js';
import { ALREADY_IDIOMATIC } from '../../harness/workloads/idiomatic.js';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { CompletedResult } from '../../harness/contract/index.js';
import type { LocalLambda } from '../local/types.js';

const PREFIX = 'wlbidiom-';
const catalog = await loadCatalog();
const sha256 = catalog.find((e) => e.definition.name === 'sha256');
if (!sha256) throw new Error('sha256 is not in the catalog');

describe('the node-idiomatic Lambda package', () => {
  let root: string | undefined;
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('holds only the bundled handler, and returns the expected digest at every size through a JSON event', async () => {
    const { manifest, zip } = readLambdaPackage('sha256', 'node-idiomatic');
    expect(manifest.files.map((f) => f.name)).toEqual(['index.mjs']);
    root = mkdtempSync(join(tmpdir(), 'wlb-handler-idiomatic-'));
    for (const [name, data] of Object.entries(unzipSync(zip))) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), data);
    }
    const { handler } = (await import(pathToFileURL(join(root, 'index.mjs')).href)) as { handler: (event: unknown) => Promise<HandlerResult> };
    for (const size of ['small', 'medium', 'large'] as const) {
      const reference = await prepareReference(sha256, size, 1);
      if (reference.state !== 'ready') throw new Error(reference.error);
      const result = await handler(JSON.parse(JSON.stringify(encodeEvent(reference.input))));
      expect(result.outputSha256, size).toBe(reference.expectedSha256);
      expect(result.outputBytes).toBe(32);
    }
  });

  it('is not built for a workload whose node.ts already is the idiomatic code', () => {
    expect(() => readLambdaPackage('noop', 'node-idiomatic')).toThrow(/no Lambda package for noop\/node-idiomatic/);
  });
});

describe('node-idiomatic through the local Lambda', () => {
  let local: LocalLambda;
  let client: LambdaClient;
  beforeAll(async () => {
    // As `npm run lambda:local` does: the runner, given only the URL, finds the credential in this user's file.
    local = await startLocalLambda({ port: 0, notice: () => undefined, credentialFile: true });
    client = lambdaClient(urlEndpoint('endpoint', local.endpoint, undefined, local.credentials), { timed: false });
  });
  afterAll(async () => {
    if (client) await teardown(client, PREFIX);
    client?.destroy();
    await local?.close();
  });

  it('deploys and measures it with verified digests beside node; noop is a gap with its manifest reason', async () => {
    const lambda = lambdaOptionsFrom(
      { endpoint: local.endpoint, memory: '128', prefix: PREFIX, 'lambda-samples': '1', 'lambda-warmup': '0', 'lambda-cold-samples': '1' },
      true,
    );
    const { rows } = await runLambdaPlacement(lambda, ['noop', 'sha256'], ['node', 'node-idiomatic']);
    const row = (workload: string, target: string) => rows.find((r) => r.workload === workload && r.target === target);
    for (const [workload, target] of [['sha256', 'node'], ['sha256', 'node-idiomatic'], ['noop', 'node']] as const) {
      const r = row(workload, target) as (CompletedResult & Record<string, any>) | undefined;
      expect(r?.state, JSON.stringify(r)).toBe('completed');
      expect(r?.placement).toBe('lambda');
      expect(r?.verified).toBe(true);
      expect(r?.lambda?.warm.samples).toBeGreaterThan(0);
    }
    // Compared with node, the baseline, like every other target.
    expect((row('sha256', 'node-idiomatic') as CompletedResult).vsNode).toBeDefined();
    const gap = row('noop', 'node-idiomatic');
    expect(gap?.state).toBe('unsupported');
    expect(gap?.state === 'unsupported' && gap.error).toBe(catalog.find((e) => e.definition.name === 'noop')?.definition.unsupportedTargets?.['node-idiomatic']);
    expect(gap?.state === 'unsupported' && gap.error.startsWith(ALREADY_IDIOMATIC)).toBe(true);
  }, 300_000);
});
