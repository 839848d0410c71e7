import { describe, expect, it } from 'vitest';
import { describeError } from './cli.js';
import { describeApiError, LambdaApiCallError } from '../measure/api-errors.js';
import { UsageError } from '../../harness/options/errors.js';
import { lambdaOptionsFrom } from '../../harness/options/lambda.js';

describe('deploy CLI error lines', () => {
  it('prints an API failure as its message alone, the call named, no class name', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const error = new LambdaApiCallError(describeApiError('ListFunctions', refused));
    expect(describeError(error)).toBe('ListFunctions → connection refused (connect ECONNREFUSED 127.0.0.1:9)');
  });

  it('prints usage errors, those of the Lambda flags included, as their message alone', () => {
    expect(describeError(new UsageError('--memory must be a list of sizes'))).toBe('--memory must be a list of sizes');
    // A Lambda flag's mistake is the same one usage error class.
    let refused: unknown;
    try {
      lambdaOptionsFrom({ arch: 'x' }, false);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(UsageError);
    expect(describeError(refused)).toBe('unknown arch "x" (known: x86_64, arm64)');
  });

  it('keeps name and stack for an unexpected error: it is a bug to find', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'name')");
    const text = describeError(bug);
    expect(text.startsWith("TypeError: Cannot read properties of undefined (reading 'name')")).toBe(true);
    expect(text).toContain('cli.test.ts');
    expect(describeError('thrown text')).toBe('thrown text');
  });
});
