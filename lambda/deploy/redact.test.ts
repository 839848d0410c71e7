import { describe, expect, it } from 'vitest';
import { redactAccountIds } from './redact.js';
import { RoleArn } from '../../harness/options/role.js';

describe('redactAccountIds', () => {
  it('masks the account of any ARN', () => {
    expect(redactAccountIds('Function not found: arn:aws:lambda:us-east-1:123456789012:function:f'))
      .toBe('Function not found: arn:aws:lambda:us-east-1:<account>:function:f');
    expect(redactAccountIds('arn:aws-cn:iam::123456789012:role/x')).toBe('arn:aws-cn:iam::<account>:role/x');
    expect(JSON.stringify({ role: new RoleArn('arn:aws:iam::123456789012:role/r') })).toBe('{"role":"arn:aws:iam::<account>:role/r"}');
  });

  it('masks account ids outside ARNs, in whatever words AWS puts around them', () => {
    expect(redactAccountIds('Account 123456789012 is not subscribed.')).toBe('Account <account> is not subscribed.');
    expect(redactAccountIds('not authorized in account 123456789012')).toBe('not authorized in account <account>');
    expect(redactAccountIds('AccountId: "123456789012", owner=123456789012;')).toBe('AccountId: "<account>", owner=<account>;');
    expect(redactAccountIds('bucket cdk-hnb659fds-assets-123456789012-us-east-1')).toBe('bucket cdk-hnb659fds-assets-<account>-us-east-1');
    expect(redactAccountIds('console id 1234-5678-9012')).toBe('console id <account>');
  });

  it('keeps numbers that cannot be an account id', () => {
    for (const text of [
      'timestamp 1764374400000 (13 digits)',
      'duration 0.123456789012 s',
      'ratio 123456789012.5',
      'sha256 ab123456789012cd',
      'request 1234567890123456',
      'size 262144000 bytes',
    ]) {
      expect(redactAccountIds(text)).toBe(text);
    }
  });
});
