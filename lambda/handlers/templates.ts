/**
 * The Lambda handler templates of every deployable target, read from the
 * target registry (a target's template is `harness/targets/<name>/lambda.ts`):
 * adding a target to Lambda is giving its descriptor a `lambda` template.
 */
import { join } from 'node:path';
import { TARGETS } from '../../harness/targets/index.js';
import type { HandlerTemplate } from '../../harness/targets/shared/handler-template.js';

export type { HandlerTemplate, PackagedFile, TemplateWorkload } from '../../harness/targets/shared/handler-template.js';

/** The handler file inside every zip, and the Handler setting that names it. */
export const HANDLER_FILE = 'index.mjs';
/** `Handler` of every function: `index.mjs`'s `handler` export. */
export const HANDLER_NAME = 'index.handler';

/** A template with the target it belongs to. */
export interface TargetTemplate extends HandlerTemplate {
  readonly target: string;
}

/** Every target that can be deployed to Lambda, in registry order. */
export function handlerTemplates(): TargetTemplate[] {
  return TARGETS.flatMap((t) => (t.lambda ? [{ ...t.lambda, target: t.name }] : []));
}

/** The template of a target, or undefined when the target has none. */
export function findTemplate(target: string): TargetTemplate | undefined {
  return handlerTemplates().find((t) => t.target === target);
}

/** Where a workload × target's Lambda build lives. */
export function lambdaBuildPaths(buildDir: string, workload: string, target: string): { dir: string; entry: string; bundle: string; zip: string; manifest: string } {
  const dir = join(buildDir, 'lambda', workload, target);
  return { dir, entry: join(dir, 'entry.ts'), bundle: join(dir, HANDLER_FILE), zip: `${dir}.zip`, manifest: `${dir}.json` };
}
