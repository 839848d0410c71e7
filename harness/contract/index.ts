/**
 * The results contract and the workload contract, the project's bottom
 * layer: every folder may import it, it imports nothing of the project.
 * run.json (schemaVersion 2) is `RunRecord`; its JSON Schema is
 * `RUN_SCHEMA` (held to these types by contract/schema-sync.test.ts);
 * `readRun` validates a run.json and migrates version 1 on read.
 */
export * from './workload.js';
export * from './config.js';
export * from './stats.js';
export * from './build.js';
export * from './lambda.js';
export * from './rows.js';
export * from './baselines.js';
export * from './samples.js';
export * from './run.js';
export * from './load.js';
export * from './target.js';
