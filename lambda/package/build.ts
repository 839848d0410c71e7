/**
 * Builds the Lambda deployment packages of one workload: for every target
 * with a handler template, a generated entry, its minified esbuild bundle
 * (cached by content hash like every other build step), and a reproducible
 * zip with a manifest (`<target>.json`) recording its CodeSha256.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { bundle, type StepOutcome } from '../../harness/build/steps.js';
import { BUILD_DIR, ROOT, fromRoot, workloadArtifacts } from '../../harness/paths.js';
import { discoverWorkloadSources } from '../../harness/workloads/discover.js';
import { HANDLER_FILE, HANDLER_NAME, findTemplate, handlerTemplates, lambdaBuildPaths, type TemplateWorkload } from '../handlers/templates.js';
import { codeSha256, reproducibleZip, type PackageFile } from './zip.js';
import type { TargetName, WorkloadDefinition } from '../../harness/contract/index.js';

/**
 * The manifest written next to each zip. It names no path: the zip is found
 * from the build folder (lambdaBuildPaths), so a build folder copied or moved
 * to another checkout still describes itself (an absolute path here pointed a
 * copied build at the original checkout's newer zip).
 */
export interface LambdaPackage {
  readonly workload: string;
  readonly target: TargetName;
  /** base64 SHA-256 of the zip, compared with the deployed function's CodeSha256. */
  readonly codeSha256: string;
  readonly zipBytes: number;
  readonly handler: string;
  readonly files: ReadonlyArray<{ readonly name: string; readonly bytes: number; readonly sha256: string }>;
}

/** Targets that have a template and that the workload does not declare unsupported. */
export function packagedTargets(definition: Pick<WorkloadDefinition, 'unsupportedTargets'>): TargetName[] {
  return handlerTemplates().map((t) => t.target).filter((t) => definition.unsupportedTargets?.[t] === undefined);
}

/** Builds (or confirms fresh) every package of one workload; returns what each step did. */
export async function buildLambdaPackages(
  workload: TemplateWorkload,
  definition: Pick<WorkloadDefinition, 'unsupportedTargets'>,
  buildDir: string = BUILD_DIR,
): Promise<Array<[string, StepOutcome]>> {
  const steps: Array<[string, StepOutcome]> = [];
  for (const target of packagedTargets(definition)) {
    const template = findTemplate(target);
    if (!template) continue;
    const paths = lambdaBuildPaths(buildDir, workload.name, target);
    if (template.unavailable?.(workload) !== undefined) {
      // No stale package may outlive the build it came from.
      rmSync(paths.manifest, { force: true });
      rmSync(paths.zip, { force: true });
      continue;
    }
    mkdirSync(paths.dir, { recursive: true });
    writeIfChanged(paths.entry, `${template.entrySource(workload)}\n`);
    steps.push([`lambda/${workload.name}/${target}/${HANDLER_FILE}`, await bundle(buildDir, {
      key: `lambda-${workload.name}-${target}`,
      entry: paths.entry,
      outfile: paths.bundle,
      inlinePackages: true,
      minify: true,
    })]);
    const files: PackageFile[] = [
      { name: HANDLER_FILE, data: readFileSync(paths.bundle) },
      ...template.extraFiles(workload).map((f) => ({ name: f.name, data: readFileSync(f.path) })),
    ];
    const listed = files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: createHash('sha256').update(f.data).digest('hex') }));
    // Deflating a multi-MB component on every build is slow; the same files give the same zip.
    if (packageIsFresh(paths, listed)) {
      steps.push([`lambda/${workload.name}/${target}.zip`, 'fresh']);
      continue;
    }
    const zip = reproducibleZip(files);
    const manifest: LambdaPackage = {
      workload: workload.name,
      target,
      codeSha256: codeSha256(zip),
      zipBytes: zip.length,
      handler: HANDLER_NAME,
      files: listed,
    };
    const changed = writeIfChanged(paths.zip, zip);
    writeIfChanged(paths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
    steps.push([`lambda/${workload.name}/${target}.zip`, changed ? 'built' : 'fresh']);
  }
  return steps;
}

/** Builds the packages of every workload (after its definition, core module and components are built). */
export async function buildAllLambdaPackages(buildDir: string = BUILD_DIR): Promise<Array<[string, StepOutcome]>> {
  const steps: Array<[string, StepOutcome]> = [];
  for (const source of discoverWorkloadSources(ROOT)) {
    const artifacts = workloadArtifacts(source.name);
    const definition = ((await import(pathToFileURL(artifacts.definition).href)) as { default: WorkloadDefinition }).default;
    const workload = { name: source.name, payload: definition.payload, nodeSource: source.node, artifacts };
    steps.push(...(await buildLambdaPackages(workload, definition, buildDir)));
  }
  return steps;
}

/** Reads a built package's manifest and zip; throws with a hint when it was never built. */
export function readLambdaPackage(workload: string, target: string, buildDir: string = BUILD_DIR): { manifest: LambdaPackage; zip: Uint8Array } {
  const paths = lambdaBuildPaths(buildDir, workload, target);
  if (!existsSync(paths.manifest) || !existsSync(paths.zip)) {
    throw new Error(`no Lambda package for ${workload}/${target}: run \`npm run build\``);
  }
  const manifest = JSON.parse(readFileSync(paths.manifest, 'utf8')) as LambdaPackage;
  const zip = new Uint8Array(readFileSync(paths.zip));
  if (codeSha256(zip) !== manifest.codeSha256) throw new Error(`${paths.zip} does not match its manifest: rebuild with \`npm run build\``);
  return { manifest, zip };
}

/** True when the manifest lists exactly these files (names and hashes) and its zip is intact. */
function packageIsFresh(paths: { zip: string; manifest: string }, files: LambdaPackage['files']): boolean {
  if (!existsSync(paths.manifest) || !existsSync(paths.zip)) return false;
  const manifest = JSON.parse(readFileSync(paths.manifest, 'utf8')) as LambdaPackage;
  return JSON.stringify(manifest.files) === JSON.stringify(files) && codeSha256(readFileSync(paths.zip)) === manifest.codeSha256;
}

/** Writes a file only when its content differs; true when it wrote. */
function writeIfChanged(path: string, content: string | Uint8Array): boolean {
  const next = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (existsSync(path) && readFileSync(path).equals(next)) return false;
  writeFileSync(path, next);
  return true;
}

/**
 * The local Lambda finds its runtime files (bootstrap, fallback client) in
 * `runtime/` next to its own module. Bundled into `build/harness/cli.mjs`,
 * its module is the bundle, so the files are staged next to the bundle.
 */
export function stageLocalLambdaRuntime(buildDir: string = BUILD_DIR): StepOutcome {
  const from = fromRoot('lambda', 'local', 'runtime');
  const to = join(buildDir, 'harness', 'runtime');
  mkdirSync(to, { recursive: true });
  let changed = false;
  for (const name of readdirSync(from).sort()) {
    if (name.endsWith('.mjs')) changed = writeIfChanged(join(to, name), readFileSync(join(from, name))) || changed;
  }
  return changed ? 'built' : 'fresh';
}
