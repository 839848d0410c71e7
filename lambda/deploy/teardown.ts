/**
 * Teardown: deletes exactly the functions this project created — those whose
 * name starts with the prefix and that carry the project tag. Anything else
 * in the account is listed past and left alone.
 */
import { DeleteFunctionCommand, ListFunctionsCommand, ListTagsCommand, ResourceNotFoundException, type LambdaClient } from '@aws-sdk/client-lambda';
import { PROJECT_TAG } from './names.js';

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
    const page = await client.send(new ListFunctionsCommand({ Marker: marker, MaxItems: 50 }));
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
    const tags = (await client.send(new ListTagsCommand({ Resource: fn.arn }))).Tags ?? {};
    if (tags[PROJECT_TAG] !== 'true') {
      skipped.push(fn.name);
      log(`skipped ${fn.name}: no ${PROJECT_TAG} tag`);
      continue;
    }
    try {
      await client.send(new DeleteFunctionCommand({ FunctionName: fn.name }));
      deleted.push(fn.name);
      log(`deleted ${fn.name}`);
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
  return { deleted, skipped };
}
