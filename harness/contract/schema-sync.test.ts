/**
 * Holds the results contract's types and its JSON Schema together: for every
 * object of run.json, the fields its TypeScript type declares (read with the
 * TypeScript compiler, union members merged, fields typed `undefined` left
 * out: they say "never on this placement") must be exactly the properties the
 * schema allows there, every branch of the schema's conditionals included.
 * A field added to one and not the other fails here, by name.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from './json-schema.js';
import { RUN_SCHEMA } from './schema.js';

const INDEX = join(dirname(fileURLToPath(import.meta.url)), 'index.ts');

/** A definition of RUN_SCHEMA, or a schema inside one by property names (through array items). */
function at(def: string | undefined, ...path: string[]): JsonSchema {
  let schema: JsonSchema | undefined = def === undefined ? RUN_SCHEMA : RUN_SCHEMA.$defs?.[def];
  for (const name of path) {
    const within: JsonSchema | undefined = schema?.items ?? schema;
    schema = within?.properties?.[name] ?? branches(within).map((b) => b.properties?.[name]).find((s) => s !== undefined);
    if (schema?.items && path[path.length - 1] === name && schema.type === 'array') schema = schema.items;
  }
  if (!schema) throw new Error(`no schema at ${def ?? '(root)'} ${path.join('.')}`);
  return schema;
}

/** The subschemas that apply alongside one: allOf members and if/then/else branches, recursively. */
function branches(schema: JsonSchema | undefined): JsonSchema[] {
  if (!schema) return [];
  const direct = [...(schema.allOf ?? []), ...(schema.then ? [schema.then] : []), ...(schema.else ? [schema.else] : [])];
  return direct.flatMap((b) => [b, ...branches(b)]);
}

/** Every property a schema allows on its object, over all of its branches. */
function schemaFields(schema: JsonSchema): string[] {
  return [...new Set([schema, ...branches(schema)].flatMap((s) => Object.keys(s.properties ?? {})))].sort();
}

/** Contract type name -> where its object is in the schema. */
const PAIRS: ReadonlyArray<readonly [string, JsonSchema]> = [
  ['RunRecord', at(undefined)],
  ['RunEnding', at(undefined, 'ending')],
  ['RunResumption', at(undefined, 'resumes')],
  ['RunOwner', at('owner')],
  ['EnvironmentInfo', at('environment')],
  ['RunProgress', at('progress')],
  ['RunConfig', at('runConfig')],
  ['LambdaConfig', at('lambdaConfig')],
  ['LoadConfig', at('loadConfig')],
  ['LoadSpecConfig', at('loadSpec')],
  ['RunCalibration', at('runCalibration')],
  ['ControlCheck', at('controlCheck')],
  ['ResultRecord', at('result')],
  ['TimingStats', at('timingStats')],
  ['WarmStats', at('warmStats')],
  ['OutlierCounts', at('outlierCounts')],
  ['ForkSpread', at('forkSpread')],
  ['ReplicationBasis', at('replicationBasis')],
  ['VsBaseline', at('vsBaseline')],
  ['VsFastestNode', at('vsFastestNode')],
  ['PhaseStats', at('phaseStats')],
  ['ColdStats', at('coldStats')],
  ['ArtifactBytes', at('artifactBytes')],
  ['ArtifactFileBytes', at('artifactBytes', 'files')],
  ['MemoryAfterFirstCall', at('memoryAfterFirstCall')],
  ['ProcessResources', at('processResources')],
  ['ResourceStats', at('resourceStats')],
  ['BuildInfo', at('buildInfo')],
  ['BuiltFile', at('buildInfo', 'component')],
  ['PackagedFile', at('buildInfo', 'files')],
  ['BuildCost', at('buildInfo', 'buildCost')],
  ['UnavailableFigure', at('unavailableFigure')],
  ['LambdaWhere', at('lambdaWhere')],
  ['LambdaFigures', at('lambdaFigures')],
  ['LambdaWarmFigures', at('lambdaFigures', 'warm')],
  ['LambdaEnvironments', at('lambdaFigures', 'warm', 'environments')],
  ['LambdaColdFigures', at('lambdaFigures', 'cold')],
  ['LambdaMemoryUsed', at('lambdaFigures', 'maxMemoryUsedMB')],
  ['LambdaCost', at('lambdaFigures', 'cost')],
  ['LambdaRetries', at('lambdaFigures', 'retries')],
  ['Baselines', at('baselines')],
  ['EmptyProcessBaseline', at('emptyProcessBaseline')],
  ['PowerTuningRecord', at('powerTuningRecord')],
  ['PowerTuningPoint', at('powerTuningRecord', 'cheapest')],
  ['LoadRecord', at('loadRecord')],
  ['LoadStepResult', at('loadStepResult')],
  ['LoadCost', at('loadStepResult', 'cost')],
  ['LoadPercentile', at('loadStepResult', 'latencyMs', 'percentiles')],
  ['LoadReplication', at('loadStepResult', 'latencyMs', 'basis')],
  ['KeptColdSample', at('keptColdSample')],
  ['ColdItem', at('coldItem')],
  ['MemoryFigures', at('keptColdSample', 'memoryAtEnd')],
  ['PendingLambdaFunction', at('pendingLambdaFunction')],
  ['LambdaSampleSeries', at('lambdaSampleSeries')],
];

/** The fields each exported contract type declares, by type name. */
function contractFields(): Map<string, string[]> {
  const program = ts.createProgram([INDEX], { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(INDEX);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error('cannot read harness/contract/index.ts');
  const fields = new Map<string, string[]>();
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const members = type.isUnion() ? type.types : [type];
    const names = members.flatMap((member) =>
      checker.getPropertiesOfType(member).filter((property) => {
        // A field typed `undefined` is the contract saying "never here" (e.g. `cold` on a Lambda row).
        const declaration = property.declarations?.[0];
        return !(declaration && ts.isPropertySignature(declaration) && declaration.type?.kind === ts.SyntaxKind.UndefinedKeyword);
      }).map((property) => property.name),
    );
    fields.set(exported.name, [...new Set(names)].sort());
  }
  return fields;
}

describe('the results contract and run.schema.json', () => {
  const fields = contractFields();

  it.each(PAIRS.map(([name, schema]) => [name, schema] as const))('%s: the type\'s fields are the schema\'s properties', (name, schema) => {
    expect(fields.has(name), `${name} is not exported by harness/contract`).toBe(true);
    expect(schemaFields(schema)).toEqual(fields.get(name));
  });

  it('closes every object it names: additionalProperties false, or unevaluatedProperties false over branches', () => {
    for (const [name, schema] of PAIRS) {
      const open = schema.additionalProperties !== false && schema.unevaluatedProperties !== false;
      expect(open, `${name} is open in the schema`).toBe(false);
    }
  });
});
