/**
 * The SDK clients of a load run: Lambda (Invoke), EventBridge (PutEvents and
 * the bus, rule and targets) and CloudWatch Logs (FilterLogEvents). They
 * differ between AWS and the local Lambda only in endpoint and credentials,
 * as every Lambda client of the project (deploy/endpoint.ts); the local
 * Lambda serves all three APIs on its one URL.
 *
 * Under load the client's connection pool matters: the SDK's default agent
 * keeps at most 50 sockets, and the 51st concurrent call would queue inside
 * the client, a queue no latency figure would show. These clients keep
 * sockets alive and allow as many as the step can have in flight.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CONNECT_TIMEOUT_MS, CONTROL_REQUEST_TIMEOUT_MS, invokeAttemptTimeoutMs, PLACEHOLDER_CREDENTIALS, type LambdaEndpoint } from '../deploy/endpoint.js';

/** The three clients, and how to close them. */
export interface LoadClients {
  /** Invoke, one attempt per call (a throttle is recorded, never retried). */
  readonly lambda: LambdaClient;
  /** PutEvents one attempt per call; bus and rule calls go through `eventsControl`. */
  readonly events: EventBridgeClient;
  readonly eventsControl: EventBridgeClient;
  readonly logs: CloudWatchLogsClient;
  destroy(): void;
}

/** Clients for `endpoint` with room for `maxSockets` concurrent calls. */
export function loadClients(endpoint: LambdaEndpoint, maxSockets: number, functionTimeoutSeconds: number): LoadClients {
  const agentOptions = { keepAlive: true, maxSockets };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  const where = endpoint.kind === 'aws' ? {} : { endpoint: endpoint.url, credentials: endpoint.credentials ?? PLACEHOLDER_CREDENTIALS };
  const handler = (requestTimeout: number) => ({ connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout, socketTimeout: requestTimeout, throwOnRequestTimeout: true, httpAgent, httpsAgent });
  const timed = { region: endpoint.region, maxAttempts: 1, requestHandler: handler(invokeAttemptTimeoutMs(functionTimeoutSeconds)), ...where };
  const control = { region: endpoint.region, maxAttempts: 3, requestHandler: handler(CONTROL_REQUEST_TIMEOUT_MS), ...where };
  const lambda = new LambdaClient(timed);
  const events = new EventBridgeClient(timed);
  const eventsControl = new EventBridgeClient(control);
  const logs = new CloudWatchLogsClient(control);
  return {
    lambda,
    events,
    eventsControl,
    logs,
    destroy() {
      lambda.destroy();
      events.destroy();
      eventsControl.destroy();
      logs.destroy();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
