/**
 * Teardown: deletes exactly the functions this project created — those whose
 * name starts with the prefix and that carry the project tag. Anything else
 * in the account is listed past and left alone. Every call has a deadline
 * and fails naming itself (`ListFunctions → connection refused ...`).
 */
import { DeleteFunctionCommand, ListFunctionsCommand, ListTagsCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { PROJECT_TAG } from './names.js';
import { controlCall } from './deploy.js';
import { LambdaApiCallError } from '../measure/api-errors.js';

/** What teardown did. */
export interface TeardownOutcome {
  readonly deleted: readonly string[];
  /** Functions with the prefix but without the project tag (not deleted). */
  readonly skipped: readonly string[];
}

/** Names and ARNs of every function whose name starts with `prefix` (all pages). */
export async function listPrefixed(client: LambdaClient, prefix: string): Promise<Array<{ name: string; arn: string }>> {
  const found: Array<{ name: string; arn: string }> = [];
  let marker: string | undefined;
  do {
    const list = new ListFunctionsCommand({ Marker: marker, MaxItems: 50 });
    const page = await controlCall('ListFunctions', (abortSignal) => client.send(list, { abortSignal }));
    for (const fn of page.Functions ?? []) {
      if (fn.FunctionName?.startsWith(prefix) && fn.FunctionArn) found.push({ name: fn.FunctionName, arn: fn.FunctionArn });
    }
    marker = page.NextMarker;
  } while (marker);
  return found;
}

/** Deletes the project's functions with the prefix. */
export async function teardown(client: LambdaClient, prefix: string, log: (line: string) => void = () => {}): Promise<TeardownOutcome> {
  const deleted: string[] = [];
  const skipped: string[] = [];
  for (const fn of await listPrefixed(client, prefix)) {
    const tags = (await controlCall('ListTags', (abortSignal) => client.send(new ListTagsCommand({ Resource: fn.arn }), { abortSignal }))).Tags ?? {};
    if (tags[PROJECT_TAG] !== 'true') {
      skipped.push(fn.name);
      log(`skipped ${fn.name}: no ${PROJECT_TAG} tag`);
      continue;
    }
    try {
      await controlCall('DeleteFunction', (abortSignal) => client.send(new DeleteFunctionCommand({ FunctionName: fn.name }), { abortSignal }));
      deleted.push(fn.name);
      log(`deleted ${fn.name}`);
    } catch (error) {
      // Deleted meanwhile (another teardown): what was wanted.
      if (!(error instanceof LambdaApiCallError && error.failure.errorType === 'ResourceNotFoundException')) throw error;
    }
  }
  return { deleted, skipped };
}
