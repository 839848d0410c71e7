/**
 * Prints the per-module mutation table at the end of `npm run mutation`:
 * reads Stryker's JSON report (mutation-testing-report-schema) and gives, per
 * mutated file, the score and the counts by status, marking the modules
 * below the project's target (issue 16: 85%). Surviving mutants listed as
 * equivalent (mutation-equivalents.ts) are counted apart and printed with
 * their reasons under the table; list entries that matched no survivor are
 * printed as stale. Stryker's own clear-text table is printed above it; this
 * one is short, sorted worst first, and exits 1 when the report is missing
 * or unreadable.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { exitOnError } from '../options/errors.js';
import { parseArgs } from '../options/parse.js';
import { HELP_ONLY_FLAGS } from '../options/tool-flags.js';
import { EQUIVALENT_MUTANTS, type EquivalentMutant } from './mutation-equivalents.js';

/** Project target for every mutated module, in percent (issue 16). */
export const TARGET_SCORE = 85;

/** One module's counts; `score` is null when no mutant could be judged. */
export interface ModuleScore {
  file: string;
  killed: number;
  timeout: number;
  /** Survivors not listed as equivalent (so are `noCoverage`). */
  survived: number;
  /** Survivors and uncovered mutants listed in mutation-equivalents.ts, with their reason. */
  equivalent: number;
  noCoverage: number;
  errors: number;
  /** Killed over judged, listed equivalents left out of both (the project's score). */
  score: number | null;
  /** Stryker's own score, counting listed equivalents as survivors. */
  strykerScore: number | null;
}

/** One mutant of Stryker's JSON report, as far as this summary reads it. */
export interface ReportedMutant {
  status: string;
  mutatorName?: string;
  replacement?: string;
  /** 1-based lines and columns, end exclusive (mutation-testing-report-schema). */
  location?: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** The subset of Stryker's JSON report that this summary reads. */
export interface MutationReport {
  files: Record<string, { source?: string; mutants: ReportedMutant[] }>;
}

/** A surviving mutant matched to its entry of the equivalents list. */
export interface MatchedEquivalent {
  readonly entry: EquivalentMutant;
  /** Source lines of the surviving mutants it matched. */
  readonly lines: number[];
}

/** Which survivors the equivalents list explains, and which of its entries matched none. */
export interface EquivalentsFound {
  readonly matched: MatchedEquivalent[];
  /** Entries for files in this report that matched no survivor: killed now, or their code changed. */
  readonly stale: EquivalentMutant[];
  /** Ids of the mutants (file + index) counted as equivalent. */
  readonly keys: ReadonlySet<string>;
}

/** Matches the report's surviving mutants against the equivalents list (see mutation-equivalents.ts). */
export function findEquivalents(report: MutationReport, list: readonly EquivalentMutant[] = EQUIVALENT_MUTANTS): EquivalentsFound {
  const keys = new Set<string>();
  const lines = new Map<EquivalentMutant, number[]>(list.map((entry) => [entry, []]));
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const sourceLines = (source ?? '').split('\n');
    mutants.forEach((mutant, index) => {
      const { location } = mutant;
      // No coverage counts too: code no test reaches may be unreachable (a defensive fallback), which is equivalent.
      if ((mutant.status !== 'Survived' && mutant.status !== 'NoCoverage') || !location || location.start.line !== location.end.line) return;
      const text = sourceLines[location.start.line - 1] ?? '';
      const original = text.slice(location.start.column - 1, location.end.column - 1);
      const entry = list.find((e) => e.file === file && e.mutator === mutant.mutatorName && e.original === original && e.replacement === mutant.replacement && text.includes(e.line));
      if (!entry) return;
      keys.add(`${file}#${index}`);
      lines.get(entry)?.push(location.start.line);
    });
  }
  const matched = list.filter((entry) => (lines.get(entry) ?? []).length > 0).map((entry) => ({ entry, lines: lines.get(entry) ?? [] }));
  const stale = list.filter((entry) => entry.file in report.files && (lines.get(entry) ?? []).length === 0);
  return { matched, stale, keys };
}

const percent = (hits: number, judged: number): number | null => (judged === 0 ? null : (100 * hits) / judged);

/**
 * Counts mutants per file. Stryker's score is (killed + timeout) over
 * (killed + timeout + survived + no coverage); compile and runtime errors and
 * ignored mutants are left out of both, as Stryker does. The project's score
 * leaves the listed equivalent mutants out too.
 */
export function scoreModules(report: MutationReport, equivalents: EquivalentsFound = findEquivalents(report, [])): ModuleScore[] {
  return Object.entries(report.files).map(([file, { mutants }]) => {
    const count = (status: string): number => mutants.filter((m) => m.status === status).length;
    const killed = count('Killed');
    const timeout = count('Timeout');
    const listed = (status: string): number => mutants.filter((m, index) => m.status === status && equivalents.keys.has(`${file}#${index}`)).length;
    const equivalent = listed('Survived') + listed('NoCoverage');
    const survived = count('Survived') - listed('Survived');
    const noCoverage = count('NoCoverage') - listed('NoCoverage');
    const errors = count('CompileError') + count('RuntimeError');
    const judged = killed + timeout + survived + noCoverage;
    return {
      file, killed, timeout, survived, equivalent, noCoverage, errors,
      score: percent(killed + timeout, judged),
      strykerScore: percent(killed + timeout, judged + equivalent),
    };
  }).sort((a, b) => (a.score ?? 101) - (b.score ?? 101) || a.file.localeCompare(b.file));
}

const pct = (score: number | null): string => (score === null ? '   n/a' : `${score.toFixed(1).padStart(5)}%`);

/** Renders the rows as a fixed-width text table, one line per module. */
export function renderScores(rows: ModuleScore[], target = TARGET_SCORE): string {
  const width = Math.max(6, ...rows.map((r) => r.file.length));
  const header = `${'module'.padEnd(width)}  score  stryker  killed  survived  equivalent  no cov  timeout  errors`;
  const lines = rows.map((r) => {
    const flag = r.score !== null && r.score < target ? `  below ${target}%` : '';
    return `${r.file.padEnd(width)} ${pct(r.score)}   ${pct(r.strykerScore)} ${String(r.killed).padStart(7)} ${String(r.survived).padStart(9)} ${String(r.equivalent).padStart(11)} ${String(r.noCoverage).padStart(7)} ${String(r.timeout).padStart(8)} ${String(r.errors).padStart(7)}${flag}`;
  });
  return [header, ...lines].join('\n');
}

/** The equivalent mutants found, each with its reason, and the stale entries of the list. */
export function renderEquivalents(found: EquivalentsFound): string {
  const out: string[] = [];
  if (found.matched.length > 0) {
    out.push('Equivalent mutants (harness/tools/mutation-equivalents.ts), not counted as survivors:');
    for (const { entry, lines } of found.matched) {
      out.push(`  ${entry.file}:${lines.join(',')} ${entry.mutator} \`${entry.original}\` -> \`${entry.replacement}\`: ${entry.reason}`);
    }
  }
  if (found.stale.length > 0) {
    out.push('Listed as equivalent but no such mutant survived (killed now, or the code changed: update the list):');
    for (const entry of found.stale) out.push(`  ${entry.file} ${entry.mutator} \`${entry.original}\` -> \`${entry.replacement}\` on a line with \`${entry.line}\``);
  }
  return out.join('\n');
}

/** The whole summary printed after a run: the table, then the equivalents. */
export function renderSummary(report: MutationReport, list: readonly EquivalentMutant[] = EQUIVALENT_MUTANTS): string {
  const found = findEquivalents(report, list);
  const equivalents = renderEquivalents(found);
  return `\nMutation score per module (target ${TARGET_SCORE}%; score leaves listed equivalent mutants out, stryker counts them as survivors):\n${renderScores(scoreModules(report, found))}\n${equivalents ? `\n${equivalents}\n` : ''}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let path = 'reports/mutation/mutation.json';
  try {
    const { values, positionals } = parseArgs(process.argv.slice(2), HELP_ONLY_FLAGS, { positionals: 'report' });
    if (values.help) {
      console.log('usage: npx tsx harness/tools/mutation-summary.ts [<mutation.json>]   (default reports/mutation/mutation.json)');
      process.exit(0);
    }
    path = positionals[0] ?? path;
  } catch (error) {
    exitOnError('mutation summary')(error);
  }
  try {
    const report = JSON.parse(readFileSync(path, 'utf8')) as MutationReport;
    process.stdout.write(renderSummary(report));
  } catch (error) {
    process.stderr.write(`mutation summary: cannot read ${path}: ${(error as Error).message.split('\n')[0]}\n`);
    process.exitCode = 1;
  }
}
