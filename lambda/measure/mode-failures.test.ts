/**
 * The lambda placement when the endpoint refuses or answers with errors: the
 * rows say what failed (the API call named) and nothing it wrote names an
 * AWS account, notes included.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaOptionsFrom } from '../../harness/options/lambda.js';
import { runLambdaPlacement } from './lambda-run.fixture.js';
import { closingLine, renderTable } from '../../harness/cli/table.js';
import type { ResultRecord } from '../../harness/contract/index.js';

const ACCOUNT = '123456789012';

async function run(endpoint: string): Promise<{ rows: ResultRecord[]; notes: string[] }> {
  const lambda = lambdaOptionsFrom({ endpoint, memory: '128', prefix: 'wlbmf-', 'lambda-samples': '1', 'lambda-warmup': '0', 'lambda-cold-samples': '0' }, true);
  const { rows, notes } = await runLambdaPlacement(lambda, ['noop'], ['node']);
  return { rows, notes };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

describe('lambda placement against an endpoint that denies everything', () => {
  // Every Lambda API call is answered 403 in AWS's words, naming the account; the status route
  // (as `npm run lambda:local` serves it) reports a reason naming it too.
  const server = createServer((req, res) => {
    req.resume();
    if (req.url === '/_local/status') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({
          endpoint: 'x', cpuLimit: 'none', memoryLimit: 'none', cpuLimitReason: `cgroup of arn:aws:iam::${ACCOUNT}:role/runner not writable`,
          runtimeClient: 'fallback', runtimeClientReason: `account ${ACCOUNT} has no layer`, handlerUser: 'same-user', nodeVersion: 'v20.0.0', functions: 0, environments: [],
        }),
      );
      return;
    }
    res
      .writeHead(403, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'AccessDeniedException' })
      .end(JSON.stringify({ Message: `User: arn:aws:iam::${ACCOUNT}:user/bench is not authorized to perform this action in account ${ACCOUNT}` }));
  });
  let url = '';
  beforeAll(async () => {
    url = await listen(server);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('masks the account in row errors and in run notes alike', async () => {
    const { rows, notes } = await run(url);
    expect(rows).toHaveLength(1);
    const row = rows[0] as ResultRecord;
    expect(row.state).toBe('errored');
    if (row.state !== 'errored') return;
    expect(row.error).toContain('HTTP 403 AccessDeniedException');
    // The endpoint answered, with an error: nothing measured, nothing wrong.
    expect(row.failure).toBe('not-measured');
    expect(row.error).toContain('arn:aws:iam::<account>:user/bench');
    // The status note carried the endpoint's own words: masked like the row.
    const status = notes.find((n) => n.includes('runtime client fallback'));
    expect(status).toContain(`account <account> has no layer`);
    expect(status).toContain('arn:aws:iam::<account>:role/runner');
    for (const text of [...notes, row.error]) expect(text).not.toContain(ACCOUNT);
  });
});

describe('lambda placement against an endpoint that refuses connections', () => {
  it('fails every row as unreachable, naming the call; the table prints FAILED, never INVALID', async () => {
    // A port that was just free: nothing listens there any more.
    const server = createServer();
    const url = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { rows, notes } = await run(url);
    expect(rows).toHaveLength(1);
    const row = rows[0] as ResultRecord;
    expect(row).toMatchObject({ state: 'errored', failure: 'unreachable' });
    if (row.state !== 'errored') return;
    expect(row.error).toMatch(/^could not open the Lambda endpoint \(endpoint:127\.0\.0\.1:\d+\): ListFunctions → connection refused/);
    expect(notes.some((n) => n.startsWith('lambda placement not run: could not open the Lambda endpoint'))).toBe(true);
    const line = renderTable(rows).split('\n').find((l) => l.startsWith('noop')) ?? '';
    expect(line).toMatch(/FAILED \(unreachable\): could not open the Lambda endpoint .*ListFunctions → connection refused/);
    expect(line).not.toMatch(/INVALID/);
    expect(closingLine(rows)).toBe('1 result(s) not published as timings: 0 INVALID (wrong output), 1 FAILED to measure (1 unreachable)');
  });
});
