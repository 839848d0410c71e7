/**
 * The project's layers as data, and the check that keeps them (issue 11,
 * item 5). Each rule names which files it governs, which imports it refuses
 * and why; `findViolations` reads the import specifiers of every non-test
 * source file with the TypeScript compiler's own scanner (static imports,
 * `export … from`, `import type`, dynamic `import()`), resolves the relative
 * ones to repository paths and returns every import a rule refuses.
 *
 * The layers, bottom up:
 * - the results contract (`harness/contract/**`) imports nothing of the
 *   project;
 * - the measuring cores (`harness/stats`, `warm`, `cold`, `verify`) never
 *   import a placement (`lambda/**`, `harness/run/**`) or the CLI;
 * - reporters (`harness/report/**`) read the contract (directly or through
 *   its reader, `harness/run-file/`), their own folder and pure helpers (the
 *   statistics, and modules whose whole import graph stays within the
 *   contract and other pure helpers, with no Node built-in or package);
 * - only the CLI and the tools (`harness/cli/**`, `harness/tools/**` with the
 *   build's orchestration, every script `package.json` runs; the test suite's
 *   own support in `harness/test/`) wire placements
 *   together: nothing else in `harness/` imports `lambda/`, and nothing below
 *   the CLI imports it, so imports between the top-level folders run one way
 *   (lambda -> harness) below the entry points;
 * - `workloads/` and `wasm/` never import `lambda/`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One import of one file: both repository-relative paths (the target resolved to its source file). */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

/** A layering rule: which files it governs and which of their imports it refuses. */
export interface LayerRule {
  readonly name: string;
  /** Why the rule exists, printed with its violations. */
  readonly why: string;
  /** True for files the rule governs. */
  governs(file: string, graph: ImportGraph): boolean;
  /** True when the governed file may not import `to`. */
  refuses(to: string, graph: ImportGraph): boolean;
}

/** An import the rules refuse today that another change removes; listed, commented, temporary. */
export interface AllowedImport extends ImportEdge {
  /** Who removes it and how. */
  readonly why: string;
}

/** A refused import, with the rule that refuses it. */
export interface Violation extends ImportEdge {
  readonly rule: string;
  readonly why: string;
}

/** Top-level folders whose source files are checked. */
export const SOURCE_ROOTS: readonly string[] = ['harness', 'lambda', 'workloads', 'wasm'];
const SKIPPED_DIRS = new Set(['node_modules', 'build', 'dist', '.git']);

/** A non-test source file: tests may wire anything together to test it. */
export const isSource = (file: string): boolean => /\.(ts|mts)$/.test(file) && !/\.test\.ts$/.test(file) && !file.endsWith('.d.ts');

/** Every project source file and its imports: project imports resolved, others (packages, `node:`) kept by name. */
export class ImportGraph {
  /** Project files imported by each source file. */
  readonly imports = new Map<string, string[]>();
  /** Packages and built-ins imported by each source file. */
  readonly external = new Map<string, string[]>();
  readonly #pure = new Map<string, boolean>();

  constructor(
    readonly root: string,
    files: readonly string[],
    /** Files run by package.json scripts (entry points: the tools layer). */
    readonly entries: ReadonlySet<string>,
  ) {
    for (const file of files) {
      const specifiers = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true).importedFiles.map((f) => f.fileName);
      const local: string[] = [];
      const external: string[] = [];
      for (const specifier of specifiers) {
        if (specifier.startsWith('.')) local.push(resolveSource(root, file, specifier));
        else external.push(specifier);
      }
      this.imports.set(file, local);
      this.external.set(file, external);
    }
  }

  /** Every project import, one edge each. */
  edges(): ImportEdge[] {
    return [...this.imports].flatMap(([from, tos]) => tos.map((to) => ({ from, to })));
  }

  /**
   * True for a module a reporter may use as a pure helper: the contract, the
   * statistics, or a module importing no package or built-in whose project
   * imports are all pure helpers themselves.
   */
  isPureHelper(file: string): boolean {
    if (isContract(file) || under(file, 'harness/stats')) return true;
    const known = this.#pure.get(file);
    if (known !== undefined) return known;
    this.#pure.set(file, false); // a cycle proves nothing pure
    const local = this.imports.get(file);
    const pure = local !== undefined && (this.external.get(file) ?? []).length === 0 && local.every((to) => this.isPureHelper(to));
    this.#pure.set(file, pure);
    return pure;
  }
}

/** The source file a relative specifier names: `.js` -> `.ts`, a folder -> its index. */
function resolveSource(root: string, from: string, specifier: string): string {
  const target = relative(root, resolve(root, dirname(from), specifier));
  const candidates = [
    target.replace(/\.js$/, '.ts'),
    target.replace(/\.mjs$/, '.mts'),
    target,
    `${target}.ts`,
    join(target, 'index.ts'),
  ];
  return candidates.find((c) => existsSync(join(root, c)) && statSync(join(root, c)).isFile()) ?? target;
}

const under = (file: string, folder: string): boolean => file === folder || file.startsWith(`${folder}/`);
const underAny = (file: string, folders: readonly string[]): boolean => folders.some((folder) => under(file, folder));

/** The results contract: its own folder. */
export const isContract = (file: string): boolean => under(file, 'harness/contract');

/**
 * The contract's reader: parses, migrates and validates a run.json into the
 * contract's types. Reporters may use it: it reaches nothing but the contract.
 */
export const CONTRACT_READER: readonly string[] = ['harness/run-file'];

/** The measuring cores: pure measuring and checking, no placement, no CLI. */
export const CORES: readonly string[] = ['harness/stats', 'harness/warm', 'harness/cold', 'harness/verify'];
/** Where code runs: the Lambda placement and the local run's placements and orchestration. */
export const PLACEMENTS: readonly string[] = ['lambda', 'harness/run'];
/** The command line: parsers, terminal views, the bench entry. */
export const CLI: readonly string[] = ['harness/cli', 'harness/tools'];
/**
 * The test suite's own support files (global setup builds everything before
 * any test): like tests, they may wire anything together to test it.
 */
export const TEST_SUPPORT: readonly string[] = ['harness/test'];

/** True for the layer allowed to wire placements together. */
const isWiring = (file: string, graph: ImportGraph): boolean => underAny(file, CLI) || underAny(file, TEST_SUPPORT) || graph.entries.has(file);

/** The rules, in the order their violations print. */
export const LAYER_RULES: readonly LayerRule[] = [
  {
    name: 'contract imports nothing of the project',
    why: 'the results contract is the bottom layer: every writer and reader depends on it, so it can depend on nothing',
    governs: (file) => isContract(file),
    refuses: (to) => !isContract(to),
  },
  {
    name: 'measuring cores import no placement and no CLI',
    why: 'warm, cold, verification and statistics must measure the same wherever they are placed and however they are started',
    governs: (file) => underAny(file, CORES),
    refuses: (to) => underAny(to, PLACEMENTS) || underAny(to, CLI),
  },
  {
    name: 'reporters read only the contract and pure helpers',
    why: 'a report must render from run.json alone (npm run report on an old run), so it may not reach into measuring or placement code',
    governs: (file) => under(file, 'harness/report'),
    refuses: (to, graph) => !under(to, 'harness/report') && !underAny(to, CONTRACT_READER) && !graph.isPureHelper(to),
  },
  {
    name: 'only the CLI and tools wire placements together',
    why: 'harness/ is the foundation lambda/ builds on; below the entry points no harness module imports lambda/, so imports between the folders run one way',
    governs: (file, graph) => under(file, 'harness') && !isWiring(file, graph),
    refuses: (to) => under(to, 'lambda'),
  },
  {
    name: 'placements and cores never import the CLI',
    why: 'the CLI sits on top: a module below it that imports it makes the layers a cycle',
    governs: (file, graph) => !isWiring(file, graph),
    refuses: (to) => underAny(to, CLI),
  },
  {
    name: 'workloads and wasm never import lambda',
    why: 'a workload is the same code in every placement; the Lambda placement wraps it, never the other way',
    governs: (file) => under(file, 'workloads') || under(file, 'wasm'),
    refuses: (to) => under(to, 'lambda'),
  },
];

/** Every non-test source file under the source roots, repository-relative and sorted. */
export function sourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name));
      else if (entry.isFile() && isSource(entry.name)) found.push(relative(root, join(dir, entry.name)));
    }
  };
  for (const top of SOURCE_ROOTS) walk(join(root, top));
  return found.sort();
}

/** The source files package.json's scripts run (`tsx <file>`): the project's entry points. */
export function scriptEntries(root: string): Set<string> {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  const entries = new Set<string>();
  for (const command of Object.values(scripts)) for (const match of command.matchAll(/\btsx\s+(\S+\.ts)\b/g)) entries.add(match[1] as string);
  return entries;
}

/** Every import the rules refuse, minus the allowed ones; `unused` lists allow-list entries nothing needs any more. */
export function findViolations(graph: ImportGraph, rules: readonly LayerRule[], allowed: readonly AllowedImport[]): { violations: Violation[]; unused: AllowedImport[] } {
  const isAllowed = (edge: ImportEdge): boolean => allowed.some((a) => a.from === edge.from && a.to === edge.to);
  const violations: Violation[] = [];
  const refused = new Set<string>();
  for (const rule of rules) {
    for (const edge of graph.edges()) {
      if (!rule.governs(edge.from, graph) || !rule.refuses(edge.to, graph)) continue;
      refused.add(`${edge.from}|${edge.to}`);
      if (!isAllowed(edge)) violations.push({ ...edge, rule: rule.name, why: rule.why });
    }
  }
  return { violations, unused: allowed.filter((a) => !refused.has(`${a.from}|${a.to}`)) };
}

/** Violations as the failure message: grouped by rule, one `file -> import` line each. */
export function formatViolations(violations: readonly Violation[]): string {
  const byRule = new Map<string, Violation[]>();
  for (const v of violations) byRule.set(v.rule, [...(byRule.get(v.rule) ?? []), v]);
  return [...byRule]
    .map(([rule, list]) => [`${rule} (${list[0]?.why}):`, ...list.map((v) => `  ${v.from} -> ${v.to}`)].join('\n'))
    .join('\n');
}
