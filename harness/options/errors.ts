/**
 * How every command ends on a mistake: one usage error class (one line on
 * stderr, exit code 2) and the shared error exit, so that `npm run bench`,
 * `deploy`, `teardown`, `lambda:local`, `report`, `expected`, `compare`,
 * `control-rates`, `mutation` and `build` answer a wrong input the same way.
 */

/** A mistake on the command line: one line on stderr and exit code 2. */
export class UsageError extends Error {}

/**
 * How a command ends on an error: a UsageError is one line and exit 2; any
 * other error is a failure of the tool or its surroundings, exit 1, with the
 * stack when it looks like a bug (not a system error with a code).
 */
export function exitOnError(prefix: string): (error: unknown) => never {
  return (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(2);
    }
    const systemError = error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
    const text = error instanceof Error ? (systemError ? error.message : (error.stack ?? error.message)) : String(error);
    process.stderr.write(`${prefix}: ${text}\n`);
    process.exit(1);
  };
}

/**
 * Ends the process quietly when stdout's reader goes away (`npm run bench --
 * --list | head -3`): the reader has what it wanted, and a stack trace for an
 * EPIPE would be the only thing the user sees.
 */
export function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
