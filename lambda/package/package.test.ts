import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { codeSha256, reproducibleZip } from './zip.js';
import { readLambdaPackage } from './build.js';
import { lambdaBuildPaths } from '../handlers/templates.js';
import { BUILD_DIR } from '../../harness/paths.js';
import { encodeEvent, type HandlerResult } from '../handlers/protocol.js';
import { loadCatalog } from '../../harness/workloads/catalog.js';
import { prepareReference } from '../../harness/run/reference.js';

describe('reproducibleZip', () => {
  const files = [
    { name: 'index.mjs', data: new TextEncoder().encode('export const handler = async () => 1;\n') },
    { name: 'module.wasm', data: Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0]) },
  ];

  it('gives the same bytes for the same files, whatever their order, time or time zone', async () => {
    const first = reproducibleZip(files);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // DOS time has 2 s resolution; cross a second boundary anyway
    const savedTz = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      const second = reproducibleZip([...files].reverse());
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
      expect(codeSha256(second)).toBe(codeSha256(first));
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });

  it('changes when a file changes, and round-trips through unzip with sorted entries', () => {
    const zip = reproducibleZip(files);
    const changed = reproducibleZip([files[0]!, { name: 'module.wasm', data: Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 1]) }]);
    expect(codeSha256(changed)).not.toBe(codeSha256(zip));
    const unzipped = unzipSync(zip);
    expect(Object.keys(unzipped)).toEqual(['index.mjs', 'module.wasm']);
    expect(unzipped['module.wasm']).toEqual(files[1]!.data);
  });

  it('refuses duplicate and escaping names', () => {
    expect(() => reproducibleZip([files[0]!, files[0]!])).toThrow(/duplicate/);
    expect(() => reproducibleZip([{ name: '../x', data: new Uint8Array() }])).toThrow(/unsafe/);
  });

  it('the built packages match a rebuild from their own files', () => {
    for (const target of ['node', 'wasm']) {
      const { manifest, zip } = readLambdaPackage('sha256', target);
      const entries = unzipSync(zip);
      const rebuilt = reproducibleZip(Object.entries(entries).map(([name, data]) => ({ name, data })));
      expect(codeSha256(rebuilt)).toBe(manifest.codeSha256);
      expect(Object.keys(entries)).toEqual(manifest.files.map((f) => f.name));
    }
  });
});

describe('bundled handlers, run as Lambda would load them (unzipped into a task root)', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  /** Unzips a package into a fresh directory and imports its handler. */
  async function loadHandler(workload: string, target: string): Promise<(event: unknown) => Promise<HandlerResult>> {
    const root = mkdtempSync(join(tmpdir(), `wlb-handler-${workload}-${target}-`));
    roots.push(root);
    for (const [name, data] of Object.entries(unzipSync(readLambdaPackage(workload, target).zip))) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), data);
    }
    const module = (await import(pathToFileURL(join(root, 'index.mjs')).href)) as { handler: (event: unknown) => Promise<HandlerResult> };
    return module.handler;
  }

  const cases = [
    ...['noop', 'sha256', 'json-transform'].flatMap((workload) => ['node', 'wasm'].map((target) => [workload, target] as const)),
    ['sha256', 'component'] as const,
    ['json-transform', 'as-component'] as const,
  ];
  for (const [workload, target] of cases) {
    it(`${workload}/${target} returns the expected digest for every size`, async () => {
      const entry = (await loadCatalog()).find((e) => e.definition.name === workload);
      if (!entry) throw new Error(`workload ${workload} missing`);
      const handler = await loadHandler(workload, target);
      for (const size of ['small', 'medium'] as const) {
        const reference = await prepareReference(entry, size, 1);
        if (reference.state !== 'ready') throw new Error(reference.error);
        // Through JSON, as the event arrives on Lambda.
        const event: unknown = JSON.parse(JSON.stringify(encodeEvent(reference.input)));
        const result = await handler(event);
        expect(result.outputSha256).toBe(reference.expectedSha256);
        expect(result.outputBytes).toBe(reference.expectedBytes);
        expect(result.handlerNs).toBeGreaterThan(0);
      }
    });
  }

  it('rejects an event of the wrong encoding instead of guessing', async () => {
    const handler = await loadHandler('noop', 'node');
    await expect(handler({ input: 'abc', encoding: 'utf8' })).rejects.toThrow(/encoding must be "base64"/);
    await expect(handler({})).rejects.toThrow(/event must be/);
  });

  it('packages only what the handler needs', () => {
    const wasm = readLambdaPackage('noop', 'wasm').manifest;
    expect(wasm.files.map((f) => f.name)).toEqual(['index.mjs', 'module.wasm']);
    expect(readFileSync(lambdaBuildPaths(BUILD_DIR, 'noop', 'wasm').bundle).length).toBe(wasm.files[0]!.bytes);
  });
});
