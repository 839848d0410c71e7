/**
 * The Lambda API's REST routes (everything but Invoke, which server.ts routes
 * first because it reads its body differently): method and path, as
 * `@aws-sdk/client-lambda` sends them, to the control-plane handler.
 */

import * as cp from './control-plane.js';
import { parseJsonObject } from './validate.js';

/** What one route needs of the request. */
export interface RouteRequest {
  readonly method: string;
  /** Path segments, decoded. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly body: Buffer;
}

/** The answer of the route that matches, or undefined when none does. */
export async function routeLambdaApi(ctx: cp.ControlContext, request: RouteRequest): Promise<cp.ApiResult | undefined> {
  const { method, segments, query } = request;
  if (segments.length > 5) return undefined;
  const [version, collection, name, sub, item] = segments;
  const json = (): Record<string, unknown> => parseJsonObject(request.body);
  const qualifier = query.get('Qualifier') ?? undefined;
  const n = name ?? '';
  const key = `${method} ${version ?? ''}/${collection ?? ''}${name === undefined ? '' : '/{}'}${sub === undefined ? '' : `/${sub}`}${item === undefined ? '' : '/{}'}`;
  switch (key) {
    case 'POST 2015-03-31/functions': return cp.createFunction(ctx, json());
    case 'GET 2015-03-31/functions': return cp.listFunctions(ctx, query);
    case 'GET 2015-03-31/functions/{}': return cp.getFunction(ctx, n, qualifier);
    case 'DELETE 2015-03-31/functions/{}': return cp.deleteFunction(ctx, n, qualifier);
    case 'GET 2015-03-31/functions/{}/configuration': return cp.getConfiguration(ctx, n, qualifier);
    case 'PUT 2015-03-31/functions/{}/configuration': return cp.updateConfiguration(ctx, n, json());
    case 'PUT 2015-03-31/functions/{}/code': return cp.updateCode(ctx, n, json());
    case 'PUT 2017-10-31/functions/{}/concurrency': return cp.putConcurrency(ctx, n, json());
    case 'GET 2019-09-30/functions/{}/concurrency': return cp.getConcurrency(ctx, n);
    case 'DELETE 2017-10-31/functions/{}/concurrency': return cp.deleteConcurrency(ctx, n);
    case 'GET 2016-08-19/account-settings': return cp.getAccountSettings(ctx);
    case 'PUT 2019-09-25/functions/{}/event-invoke-config': return cp.eventInvokeConfig(ctx, n, 'put', json());
    case 'POST 2019-09-25/functions/{}/event-invoke-config': return cp.eventInvokeConfig(ctx, n, 'update', json());
    case 'GET 2019-09-25/functions/{}/event-invoke-config': return cp.eventInvokeConfig(ctx, n, 'get', {});
    case 'DELETE 2019-09-25/functions/{}/event-invoke-config': return cp.eventInvokeConfig(ctx, n, 'delete', {});
    case 'POST 2015-03-31/functions/{}/policy': return cp.addPermission(ctx, n, json());
    case 'GET 2015-03-31/functions/{}/policy': return cp.getPolicy(ctx, n);
    case 'DELETE 2015-03-31/functions/{}/policy/{}': return cp.removePermission(ctx, n, item ?? '');
    case 'GET 2017-03-31/tags/{}': return cp.listTags(ctx, n);
    case 'POST 2017-03-31/tags/{}': return cp.tagResource(ctx, n, json());
    case 'DELETE 2017-03-31/tags/{}': return cp.untagResource(ctx, n, query.getAll('tagKeys'));
    default: return undefined;
  }
}
