/**
 * A function's resource-based policy: AddPermission, RemovePermission,
 * GetPolicy. Invoke from SDK callers is not checked against it (there is no
 * IAM here, see the README), but EventBridge is: on AWS a rule's target is
 * invoked only if the function's policy lets `events.amazonaws.com` invoke it
 * for that rule, and a deploy that forgets the permission sees every event
 * fail. The local EventBridge asks {@link Policies.allows} before it delivers,
 * so the offline path fails the same way.
 */

import { randomUUID } from 'node:crypto';
import { conflict, invalidParameter, LambdaApiError } from './errors.js';
import type { StoredFunction } from './store.js';
import { optionalString } from './validate.js';

/** One statement of the policy, as AWS returns it inside the Policy JSON string. */
interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: { readonly Service: string } | { readonly AWS: string } | '*';
  readonly Action: string;
  readonly Resource: string;
  readonly Condition?: Record<string, Record<string, string>>;
}

const ACTION = /^(lambda:[A-Za-z*]+|\*)$/;

/** Resource policies of every function, kept per stored function (a re-created function starts with none). */
export class Policies {
  private readonly policies = new WeakMap<StoredFunction, { statements: Statement[]; revisionId: string }>();

  /** AddPermission → 201 {Statement}. */
  add(fn: StoredFunction, body: Record<string, unknown>): Record<string, unknown> {
    const sid = optionalString(body, 'StatementId', 'statementId');
    const action = optionalString(body, 'Action', 'action');
    const principal = optionalString(body, 'Principal', 'principal');
    if (sid === undefined || !/^[a-zA-Z0-9-_.]{1,100}$/.test(sid)) throw invalidParameter('StatementId must match [a-zA-Z0-9-_.]{1,100}.');
    if (action === undefined || !ACTION.test(action)) throw invalidParameter(`The action ${String(action)} is not valid.`);
    if (principal === undefined) throw invalidParameter('Principal is a mandatory parameter.');
    const policy = this.policies.get(fn) ?? { statements: [], revisionId: randomUUID() };
    if (policy.statements.some((s) => s.Sid === sid)) {
      throw conflict(`The statement id (${sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
    }
    const condition: Record<string, Record<string, string>> = {};
    const sourceArn = optionalString(body, 'SourceArn', 'sourceArn');
    const sourceAccount = optionalString(body, 'SourceAccount', 'sourceAccount');
    if (sourceArn !== undefined) condition.ArnLike = { 'AWS:SourceArn': sourceArn };
    if (sourceAccount !== undefined) condition.StringEquals = { 'AWS:SourceAccount': sourceAccount };
    const statement: Statement = {
      Sid: sid,
      Effect: 'Allow',
      Principal: principal === '*' ? '*' : principal.endsWith('.amazonaws.com') ? { Service: principal } : { AWS: principal },
      Action: action,
      Resource: fn.config.arn,
      ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    };
    policy.statements.push(statement);
    policy.revisionId = randomUUID();
    this.policies.set(fn, policy);
    return { Statement: JSON.stringify(statement) };
  }

  /** RemovePermission → 204; 404 for an unknown statement id. */
  remove(fn: StoredFunction, sid: string): void {
    const policy = this.policies.get(fn);
    const at = policy?.statements.findIndex((s) => s.Sid === sid) ?? -1;
    if (!policy || at < 0) throw new LambdaApiError(404, 'ResourceNotFoundException', `Statement ${sid} is not found in resource policy.`);
    policy.statements.splice(at, 1);
    policy.revisionId = randomUUID();
  }

  /** GetPolicy → {Policy, RevisionId}; 404 when the function has no statement. */
  get(fn: StoredFunction): Record<string, unknown> {
    const policy = this.policies.get(fn);
    if (!policy || policy.statements.length === 0) throw new LambdaApiError(404, 'ResourceNotFoundException', 'The resource you requested does not exist.');
    const document = { Version: '2012-10-17', Id: 'default', Statement: policy.statements };
    return { Policy: JSON.stringify(document), RevisionId: policy.revisionId };
  }

  /** Whether the policy lets `service` (e.g. `events.amazonaws.com`) invoke `fn` on behalf of `sourceArn`. */
  allows(fn: StoredFunction, service: string, sourceArn: string, sourceAccount: string): boolean {
    const policy = this.policies.get(fn);
    if (!policy) return false;
    return policy.statements.some((s) => {
      const principalOk = s.Principal === '*' || ('Service' in s.Principal && s.Principal.Service === service);
      const actionOk = s.Action === 'lambda:InvokeFunction' || s.Action === 'lambda:*' || s.Action === '*';
      const arnPattern = s.Condition?.ArnLike?.['AWS:SourceArn'];
      const account = s.Condition?.StringEquals?.['AWS:SourceAccount'];
      return principalOk && actionOk && (arnPattern === undefined || arnLike(arnPattern, sourceArn)) && (account === undefined || account === sourceAccount);
    });
  }
}

/** IAM's ArnLike: `*` matches any run of characters, `?` one character, case-sensitive. */
export function arnLike(pattern: string, arn: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(arn);
}
