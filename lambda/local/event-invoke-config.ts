/**
 * Put/Update/Get/DeleteFunctionEventInvokeConfig: a function's retry attempts
 * and maximum event age for asynchronous invocations, which the async queue
 * reads at every attempt. Destinations are refused: nothing here could deliver
 * to SQS, SNS or EventBridge destinations, and accepting them silently would
 * report a configuration that does nothing.
 */

import { DEFAULT_RETRY_SETTINGS, type RetrySettings } from './async-queue.js';
import { invalidParameter, LambdaApiError } from './errors.js';
import type { StoredFunction } from './store.js';
import { optionalInt } from './validate.js';

interface Stored extends RetrySettings {
  /** Epoch seconds (the SDK reads LastModified as a timestamp in seconds). */
  readonly lastModified: number;
}

/** The event invoke configs of every function, kept per stored function (a re-created function starts without one). */
export class EventInvokeConfigs {
  private readonly configs = new WeakMap<StoredFunction, Stored>();

  /** What the async queue applies to `fn`: its config, or Lambda's defaults. */
  settings(fn: StoredFunction): RetrySettings {
    return this.configs.get(fn) ?? DEFAULT_RETRY_SETTINGS;
  }

  /** PutFunctionEventInvokeConfig: replaces the whole config (members left out take their defaults). */
  put(fn: StoredFunction, body: Record<string, unknown>): Record<string, unknown> {
    return this.write(fn, body, DEFAULT_RETRY_SETTINGS);
  }

  /** UpdateFunctionEventInvokeConfig: changes only the members given. */
  update(fn: StoredFunction, body: Record<string, unknown>): Record<string, unknown> {
    return this.write(fn, body, this.configs.get(fn) ?? DEFAULT_RETRY_SETTINGS);
  }

  /** GetFunctionEventInvokeConfig: 404 when none was put. */
  get(fn: StoredFunction): Record<string, unknown> {
    const config = this.configs.get(fn);
    if (!config) throw missing(fn);
    return document(fn, config);
  }

  /** DeleteFunctionEventInvokeConfig: 404 when none was put. */
  delete(fn: StoredFunction): void {
    if (!this.configs.delete(fn)) throw missing(fn);
  }

  private write(fn: StoredFunction, body: Record<string, unknown>, base: RetrySettings): Record<string, unknown> {
    const destinations = body.DestinationConfig as Record<string, unknown> | undefined;
    if (destinations !== undefined && Object.values(destinations).some((d) => d !== null && typeof d === 'object' && Object.keys(d).length > 0)) {
      throw invalidParameter('The local Lambda does not deliver to destinations (DestinationConfig): nothing would receive them.');
    }
    const retries = optionalInt(body, 'MaximumRetryAttempts', 'maximumRetryAttempts', 0, 2);
    const age = optionalInt(body, 'MaximumEventAgeInSeconds', 'maximumEventAgeInSeconds', 60, 21_600);
    const stored: Stored = {
      maximumRetryAttempts: retries ?? base.maximumRetryAttempts,
      maximumEventAgeSeconds: age ?? base.maximumEventAgeSeconds,
      lastModified: Date.now() / 1000,
    };
    this.configs.set(fn, stored);
    return document(fn, stored);
  }
}

/** The FunctionEventInvokeConfig document AWS returns. */
function document(fn: StoredFunction, config: Stored): Record<string, unknown> {
  return {
    LastModified: config.lastModified,
    FunctionArn: `${fn.config.arn}:$LATEST`,
    MaximumRetryAttempts: config.maximumRetryAttempts,
    MaximumEventAgeInSeconds: config.maximumEventAgeSeconds,
    DestinationConfig: { OnSuccess: {}, OnFailure: {} },
  };
}

function missing(fn: StoredFunction): LambdaApiError {
  return new LambdaApiError(404, 'ResourceNotFoundException', `The function ${fn.config.arn}:$LATEST doesn't have an EventInvokeConfig`);
}
