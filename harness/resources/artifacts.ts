/**
 * Artifact sizes: raw, gzip and brotli bytes of what a target would deploy
 * (node: the minified handler bundle; wasm: the .wasm; a transpiled
 * component: its glue plus core modules). Compressed sizes approximate what
 * travels to a cold Lambda: a deployment zip is deflate, so gzip at level 9
 * is the closer figure; brotli (quality 11) is the floor of what compression
 * can reach.
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { ArtifactBytes, TargetAdapter, TargetWorkload } from '../types.js';

/** Raw, gzip -9 and brotli q11 sizes of one buffer. */
export function compressedSizes(bytes: Uint8Array): { raw: number; gzip: number; brotli: number } {
  return {
    raw: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    }).byteLength,
  };
}

/**
 * Sizes of every file the adapter says it deploys, summed (each file
 * compressed on its own, as a zip does). Throws when a file is missing: an
 * unbuilt artifact has no size.
 */
export function measureArtifacts(adapter: TargetAdapter, workload: TargetWorkload): ArtifactBytes {
  const files = adapter.artifacts(workload).map((artifact) => ({
    role: artifact.role,
    path: artifact.path,
    ...compressedSizes(readFileSync(artifact.path)),
  }));
  const sum = (field: 'raw' | 'gzip' | 'brotli'): number => files.reduce((total, file) => total + file[field], 0);
  return { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli'), files };
}
