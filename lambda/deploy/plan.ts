/**
 * The functions a deploy or a run needs: every workload × target (with a
 * handler template, not declared unsupported) × memory × architecture, each
 * with its built package. Combinations that cannot be deployed come back
 * with the reason, so results show them as gaps.
 */
import { findTemplate, HANDLER_NAME } from '../handlers/templates.js';
import { readLambdaPackage, type LambdaPackage } from '../package/build.js';
import { PLACEHOLDER_ROLE, functionName } from './names.js';
import type { Arch } from '../cost/cost.js';
import type { RoleArn } from '../../harness/options/role.js';
import type { Runtime } from '@aws-sdk/client-lambda';
import type { FunctionSpec } from './deploy.js';
import { runtimeOf } from '../../harness/node-builds/select.js';
import type { TargetName, WorkloadDefinition } from '../../harness/contract/index.js';

/** A function to deploy, with the package it runs. */
export interface PlannedFunction extends FunctionSpec {
  readonly target: TargetName;
  readonly package: LambdaPackage;
  /** The Node major of its runtime when the run measures several (`--node`); absent: `runtime` alone. */
  readonly node?: string;
}

/** A workload × target that has no Lambda function, and why. */
export interface UndeployableTarget {
  readonly workload: string;
  readonly target: TargetName;
  readonly reason: string;
}

/** The deployment settings a plan needs. */
export interface PlanSettings {
  readonly memory: readonly number[];
  readonly arch: readonly Arch[];
  readonly prefix: string;
  /** Undefined: the placeholder role (accepted only by non-AWS endpoints). */
  readonly role?: RoleArn;
  readonly runtime: string;
  /**
   * Node majors to deploy each function on (`--node` across versions): one
   * function per major, runtime `nodejs<major>.x`, in place of `runtime`.
   */
  readonly nodes?: readonly string[];
  readonly timeoutSeconds: number;
}

/** Why a workload × target cannot be a Lambda function, or undefined when it can. */
export function undeployableReason(definition: Pick<WorkloadDefinition, 'unsupportedTargets'>, target: TargetName): string | undefined {
  const declared = definition.unsupportedTargets?.[target];
  if (declared !== undefined) return declared;
  if (!findTemplate(target)) return `no Lambda handler template for target ${target} yet (no lambda in its descriptor, harness/targets/<name>/index.ts)`;
  return undefined;
}

/** Plans the functions for workloads × targets × memory × arch (interleaving order is the Lambda mode's business). */
export function planFunctions(
  workloads: ReadonlyArray<Pick<WorkloadDefinition, 'name' | 'unsupportedTargets'>>,
  targets: readonly TargetName[],
  settings: PlanSettings,
): { functions: PlannedFunction[]; undeployable: UndeployableTarget[] } {
  const functions: PlannedFunction[] = [];
  const undeployable: UndeployableTarget[] = [];
  for (const workload of workloads) {
    for (const target of targets) {
      const reason = undeployableReason(workload, target);
      if (reason !== undefined) {
        undeployable.push({ workload: workload.name, target, reason });
        continue;
      }
      let built: ReturnType<typeof readLambdaPackage>;
      try {
        built = readLambdaPackage(workload.name, target);
      } catch (error) {
        undeployable.push({ workload: workload.name, target, reason: findTemplate(target)?.unavailable?.(workload) ?? (error as Error).message });
        continue;
      }
      const { manifest, zip } = built;
      for (const node of settings.nodes ?? [undefined]) for (const memoryMB of settings.memory) {
        for (const arch of settings.arch) {
          const id = { workload: workload.name, target, memoryMB, arch, ...(node === undefined ? {} : { node }) };
          functions.push({
            ...id,
            name: functionName(settings.prefix, id),
            zip,
            codeSha256: manifest.codeSha256,
            handler: HANDLER_NAME,
            runtime: (node === undefined ? settings.runtime : runtimeOf(node)) as Runtime,
            role: settings.role?.arn ?? PLACEHOLDER_ROLE,
            timeout: settings.timeoutSeconds,
            package: manifest,
          });
        }
      }
    }
  }
  return { functions, undeployable };
}
