import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULTS_DIR } from '../paths.js';
import { sampleRun } from './fixtures.js';
import { schemaExporter } from './schema.js';

describe('run.schema.json', () => {
  it('is committed at results/run.schema.json, identical to the exporter output (the contract schema, version 2)', () => {
    const committed = readFileSync(join(RESULTS_DIR, 'run.schema.json'), 'utf8');
    expect(schemaExporter.serialize(sampleRun())).toBe(committed);
    const parsed = JSON.parse(committed) as { $schema: string; properties: { schemaVersion: { const: number } } };
    expect(parsed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(parsed.properties.schemaVersion.const).toBe(2);
  });
});
