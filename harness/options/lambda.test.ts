import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { lambdaOptionsFrom } from './lambda.js';
import { redactAccountIds } from '../../lambda/deploy/redact.js';

describe('lambdaOptionsFrom', () => {
  it('defaults to the embedded local Lambda, x86_64, deploy on, smaller sweeps with --quick', () => {
    const quick = lambdaOptionsFrom({}, true);
    expect(quick).toMatchObject({ memory: [128, 1769], arch: ['x86_64'], aws: false, deploy: true, prefix: 'wlb-', samples: 5, environments: 3, warmup: 10, coldSamples: 2, sizes: ['small'] });
    expect(quick.endpoint).toBeUndefined();
    const full = lambdaOptionsFrom({}, false);
    expect(full.memory).toEqual([128, 512, 1769, 3008]);
    expect(full).toMatchObject({ samples: 10, environments: 5, warmup: 20, coldSamples: 6 });
  });

  it('spreads warm samples over at least 3 environments and asks for enough cold starts for a cold verdict by default (issue 12)', () => {
    // Fewer than MIN_PROCESSES environments or MIN_BOOTSTRAP_SAMPLES cold starts could give no verdict at all.
    for (const quick of [true, false]) expect(lambdaOptionsFrom({}, quick).environments).toBeGreaterThanOrEqual(3);
    expect(lambdaOptionsFrom({}, false).coldSamples).toBeGreaterThanOrEqual(6);
    expect(lambdaOptionsFrom({ 'lambda-environments': '4' }, true).environments).toBe(4);
    expect(() => lambdaOptionsFrom({ 'lambda-environments': '0' }, true)).toThrow(/--lambda-environments must be a whole number from 1 to 1000/);
  });

  it('reads the sweep, endpoint and sampling flags', () => {
    const o = lambdaOptionsFrom(
      { memory: '512,128,512', arch: 'arm64,x86_64', endpoint: 'http://127.0.0.1:9777', 'no-deploy': true, 'lambda-samples': '9', 'lambda-warmup': '0', 'lambda-cold-samples': '0', 'lambda-sizes': 'small,large' },
      false,
    );
    expect(o).toMatchObject({ memory: [512, 128], arch: ['arm64', 'x86_64'], endpoint: 'http://127.0.0.1:9777', deploy: false, samples: 9, warmup: 0, coldSamples: 0, sizes: ['small', 'large'] });
  });

  it('refuses AWS without a role, conflicting targets and bad values, with one clear line each', () => {
    expect(() => lambdaOptionsFrom({ aws: true }, false)).toThrow(/needs --role/);
    expect(lambdaOptionsFrom({ aws: true, 'no-deploy': true }, false).aws).toBe(true);
    expect(() => lambdaOptionsFrom({ aws: true, endpoint: 'http://x' }, false)).toThrow(UsageError);
    expect(() => lambdaOptionsFrom({ memory: '64' }, false)).toThrow(/from 128 to 10240 MB/);
    expect(() => lambdaOptionsFrom({ memory: '10241' }, false)).toThrow(/from 128 to 10240 MB/);
    expect(() => lambdaOptionsFrom({ 'lambda-timeout': '901' }, false)).toThrow(/from 1 to 900 s/);
    expect(() => lambdaOptionsFrom({ 'lambda-samples': '-3' }, false)).toThrow(/from 1 to 100000, got "-3"/);
    expect(() => lambdaOptionsFrom({ region: 'US East' }, false)).toThrow(/--region must be an AWS region/);
    expect(lambdaOptionsFrom({ region: 'us-gov-west-1', memory: '1769' }, false)).toMatchObject({ region: 'us-gov-west-1', memory: [1769] });
    expect(() => lambdaOptionsFrom({ arch: 'riscv' }, false)).toThrow(/unknown arch/);
    expect(() => lambdaOptionsFrom({ endpoint: 'not a url' }, false)).toThrow(/must be a URL/);
    expect(() => lambdaOptionsFrom({ role: 'admin' }, false)).toThrow(/IAM role ARN/);
    expect(() => lambdaOptionsFrom({ prefix: 'a b' }, false)).toThrow(/prefix/);
    expect(() => lambdaOptionsFrom({ runtime: 'python3.12' }, false)).toThrow(/Node.js runtime/);
  });
});

describe('what options put into run.json', () => {
  it('records the role without its account id, but deploys with the full ARN', () => {
    const o = lambdaOptionsFrom({ aws: true, role: 'arn:aws:iam::123456789012:role/wlb-function' }, false);
    expect(o.role?.arn).toBe('arn:aws:iam::123456789012:role/wlb-function');
    const json = JSON.stringify({ config: { lambda: o } });
    expect(json).not.toContain('123456789012');
    expect(json).toContain('arn:aws:iam::<account>:role/wlb-function');
  });

  it('refuses endpoints with credentials or a query', () => {
    expect(() => lambdaOptionsFrom({ endpoint: 'http://key:secret@127.0.0.1:9777' }, false)).toThrow(/credentials/);
  });

  it('masks account ids in AWS error texts', () => {
    expect(redactAccountIds('Function not found: arn:aws:lambda:us-east-1:123456789012:function:wlb-noop-node-128-x86'))
      .toBe('Function not found: arn:aws:lambda:us-east-1:<account>:function:wlb-noop-node-128-x86');
    expect(redactAccountIds('role arn:aws-cn:iam::123456789012:role/x')).toBe('role arn:aws-cn:iam::<account>:role/x');
    expect(redactAccountIds('Account 123456789012 is not subscribed')).toBe('Account <account> is not subscribed');
  });
});
