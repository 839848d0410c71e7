/**
 * `npm run report -- <run dir> [<run dir> ...]`: renders a run's reports
 * again from its run.json (report.md, report.html, results.csv,
 * adr-draft.md, charts, the schema copy), for instance after a reporter
 * changed. Measuring and summarising stay apart: run.json is only read, and
 * checked against the schema first; a published run's figures never change.
 * A run directory without a schema copy (published runs leave it out) does
 * not get one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAll } from '../report/index.js';
import { RUN_SCHEMA } from '../report/schema.js';
import { validateAgainstSchema } from '../report/schema-check.js';
import { RunWriter } from '../run/writer.js';
import type { RunRecord } from '../types.js';

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  process.stderr.write('usage: npm run report -- <run dir> [<run dir> ...]\n');
  process.exit(2);
}
let failed = false;
for (const dir of dirs) {
  const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as unknown;
  const errors = validateAgainstSchema(RUN_SCHEMA, run);
  if (errors.length > 0) {
    process.stderr.write(`${dir}/run.json does not match the schema (first: ${JSON.stringify(errors[0])}); nothing rendered\n`);
    failed = true;
    continue;
  }
  const writer = new RunWriter(dir);
  const keepSchemaCopy = existsSync(join(dir, 'run.schema.json'));
  const written: string[] = [];
  for (const [fileName, contents] of renderAll(run as RunRecord)) {
    if (fileName === 'run.schema.json' && !keepSchemaCopy) continue;
    writer.writeFile(fileName, contents);
    written.push(fileName);
  }
  process.stdout.write(`${dir}: ${written.join(', ')}\n`);
}
process.exit(failed ? 1 : 0);
