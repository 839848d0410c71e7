import { describe, expect, it } from 'vitest';
import { confirmationMarkdown, rerunCommand, type RecordedOptions } from './adr-rerun.js';
import { sampleRun } from './fixtures.js';

describe('rerunCommand', () => {
  const local: RecordedOptions = {
    workloads: ['sha256', 'noop'], targets: ['node', 'wasm'], sizes: ['small'], sizesExplicit: true, placements: ['local'],
    timeMs: 150, warmupMs: 50, rounds: 3, forks: 5, maxForks: 10, resolveBudgetMs: 90_000, controls: false, seed: 1,
    coldSamples: 30, coldSizes: ['small'], engines: ['default'], coldCalls: 100, coldCallBudgetMs: 1000, coldTimeoutMs: 30_000, quick: false,
    outDir: '/tmp/somewhere', lambda: { memory: [128] },
  };

  it('writes every recorded local option in the CLI flag names, but not --out', () => {
    expect(rerunCommand(local)).toBe(
      'npm run bench -- --workloads sha256,noop --targets node,wasm --placements local --sizes small --time 150 --warmup 50 --rounds 3 --forks 5 --max-forks 10 ' +
        '--resolve-budget 90 --skip-controls --cold-samples 30 --cold-sizes small --engines default --cold-calls 100 --cold-call-budget 1000 --cold-timeout 30000 --seed 1',
    );
  });

  it('leaves out flags the CLI would refuse: warm ones with --time 0, cold ones with --cold-samples 0, local ones on a Lambda-only run', () => {
    const noWarm = rerunCommand({ ...local, timeMs: 0 });
    expect(noWarm).toContain('--time 0 --cold-samples 30');
    expect(noWarm).not.toMatch(/--warmup|--rounds|--forks|--skip-controls/);
    expect(rerunCommand({ ...local, coldSamples: 0 })).not.toMatch(/--cold-sizes|--engines|--cold-calls|--cold-timeout/);
    const lambda = rerunCommand({ ...local, placements: ['lambda'], lambda: { memory: [128, 1769], arch: ['x86_64'], aws: false, deploy: true, samples: 100, environments: 3, coldSamples: 5, sizes: ['small'], timeoutSeconds: 60 } });
    expect(lambda).toBe(
      'npm run bench -- --workloads sha256,noop --targets node,wasm --placements lambda --memory 128,1769 --arch x86_64 --lambda-samples 100 --lambda-environments 3 --lambda-cold-samples 5 --lambda-sizes small --lambda-timeout 60 --seed 1',
    );
  });

  it('keeps --quick, leaves default sizes to the default, and asks for the role on AWS', () => {
    const quick = rerunCommand({ ...local, quick: true, sizesExplicit: false });
    expect(quick).toContain('--placements local --quick --time 150');
    expect(quick).not.toContain('--sizes');
    expect(rerunCommand({ placements: ['lambda'], lambda: { aws: true, deploy: true, region: 'eu-west-1' } })).toBe('npm run bench -- --placements lambda --aws --region eu-west-1 --role <execution role ARN>');
  });

  it('quotes a recorded value the shell would split', () => {
    expect(rerunCommand({ placements: ['lambda'], lambda: { prefix: "my fn's-" } })).toBe("npm run bench -- --placements lambda --prefix 'my fn'\\''s-'");
  });
});

describe('confirmationMarkdown', () => {
  it('checks out the commit, reruns and compares; says when the commit does not reproduce the run', () => {
    const run = sampleRun();
    expect(confirmationMarkdown(run)).toContain('```sh\ngit checkout 0123456789abcdef0123456789abcdef01234567\nnpm ci\nnpm run bench -- --workloads sha256,noop,json-transform --targets node,wasm,component --placements local --time 500 --warmup 100 --rounds 3 --forks 5 --max-forks 10 --resolve-budget 90 --cold-samples 30 --cold-sizes small --engines default --cold-calls 100 --cold-call-budget 1000 --cold-timeout 30000 --seed 42\n```');
    const dirty = confirmationMarkdown({ ...run, environment: { ...run.environment, gitDirty: true } });
    expect(dirty).toContain('with uncommitted changes, so the commit alone does not reproduce it exactly');
    const none = confirmationMarkdown({ ...run, environment: { ...run.environment, git: null } });
    expect(none).not.toContain('git checkout');
    expect(none).toContain('The run recorded no git commit');
  });
});
