/**
 * Before measuring: deploy the functions (or, with --no-deploy, check that
 * the deployed ones exist and run this build's code). An endpoint that lacks
 * the deploy or read APIs (an emulator that serves Invoke only) is not a
 * reason to discard anything: its functions are measured as it serves them,
 * every output still verified, and the row says what could not be checked
 * ("not available from this endpoint: GetFunction → HTTP 404").
 */
import { deployAll, getFunction } from '../deploy/deploy.js';
import { describeApiError, LambdaApiCallError, unavailableReason, type ApiFailure } from './api-errors.js';
import type { PlannedFunction } from '../deploy/plan.js';
import type { LambdaSession } from './session.js';
import { apiFailureKind, errorFailureKind } from './failures.js';
import type { FailureKind, UnavailableFigure } from '../../harness/contract/index.js';

/** Functions created or updated at once (each waits for its waiter; AWS takes seconds per function). */
export const DEPLOY_CONCURRENCY = 4;

/** What preparing found, by function name. */
export interface PreparedFunctions {
  /** Functions that cannot be measured, with the one-line reason and its kind (their rows are errored). */
  readonly failed: Map<string, { readonly reason: string; readonly failure: FailureKind }>;
  /** Notes a reader of the row needs. */
  readonly rowNotes: Map<string, string[]>;
  /** What the endpoint could not do for the function (its rows keep every figure measured). */
  readonly gaps: Map<string, UnavailableFigure[]>;
}

/** Where preparing reports. */
export interface PrepareSink {
  progress(message: string): void;
  note(message: string): void;
}

function gapOf(failure: ApiFailure, figures: readonly string[]): UnavailableFigure {
  return { figures, api: failure.api, ...(failure.httpStatus !== undefined ? { httpStatus: failure.httpStatus } : {}), reason: unavailableReason(failure) };
}

/** Deploys (`deploy` true) or checks the deployed functions; never throws for one function's failure. */
export async function prepareFunctions(
  session: LambdaSession,
  functions: readonly PlannedFunction[],
  deploy: boolean,
  maxWaitTime: number,
  sink: PrepareSink,
): Promise<PreparedFunctions> {
  const prepared: PreparedFunctions = { failed: new Map(), rowNotes: new Map(), gaps: new Map() };
  const endpoint = session.endpoint.label;
  const missing: ApiFailure[] = [];
  const degrade = (name: string, failure: ApiFailure, figure: string, note: string): void => {
    missing.push(failure);
    prepared.gaps.set(name, [gapOf(failure, [figure])]);
    prepared.rowNotes.set(name, [`${note}: ${unavailableReason(failure)}; measured the function this endpoint serves under the name, every output verified`]);
  };
  if (deploy) {
    const counts = { created: 0, updated: 0, unchanged: 0, uploadedBytes: 0 };
    let done = 0;
    await deployAll(session.control, functions, {
      maxWaitTime,
      concurrency: DEPLOY_CONCURRENCY,
      onResult: (result) => {
        done += 1;
        sink.progress(`lambda deploy ${done}/${functions.length}: ${result.spec.name}`);
        if (!('error' in result)) {
          counts[result.outcome.action] += 1;
          counts.uploadedBytes += result.outcome.uploadedBytes;
          return;
        }
        // API failures name their call; other errors (a function of the same name not made by this project) are one line already.
        const failure = result.error instanceof LambdaApiCallError ? result.error.failure : undefined;
        if (failure?.missingApi) degrade(result.spec.name, failure, 'deploy (code of this build)', 'not deployed');
        else prepared.failed.set(result.spec.name, { reason: `deploy failed: ${result.error.message}`, failure: errorFailureKind(result.error) });
      },
    });
    const notDeployed = missing.length > 0 ? `, ${missing.length} not deployed (the endpoint lacks the API)` : '';
    sink.note(`lambda deploy to ${endpoint}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged${notDeployed}, ${counts.uploadedBytes} bytes of code uploaded`);
  } else {
    for (const f of functions) {
      let deployed: Awaited<ReturnType<typeof getFunction>>;
      try {
        deployed = await getFunction(session.control, f.name);
      } catch (error) {
        const failure = describeApiError('GetFunction', error);
        if (failure.missingApi) degrade(f.name, failure, 'deployed code check (CodeSha256)', '--no-deploy: deployed code not checked');
        else prepared.failed.set(f.name, { reason: `cannot read the deployed function: ${failure.message}`, failure: apiFailureKind(failure) });
        continue;
      }
      if (!deployed) prepared.failed.set(f.name, { reason: `--no-deploy, but ${f.name} does not exist (run npm run deploy)`, failure: 'not-measured' });
      else if (deployed.config.CodeSha256 !== f.codeSha256) {
        prepared.rowNotes.set(f.name, ['--no-deploy: the deployed code differs from the local build (CodeSha256 mismatch); figures are for the deployed code']);
      }
    }
  }
  if (missing.length > 0) {
    const apis = [...new Set(missing.map((m) => unavailableReason(m).replace(/^not available from this endpoint: /, '')))].join(', ');
    sink.note(`${endpoint} does not serve ${apis}: ${missing.length} function(s) measured as the endpoint serves them, outputs verified, code not checked against this build`);
  }
  return prepared;
}
