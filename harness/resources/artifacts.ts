/**
 * Artifact sizes: raw, gzip and brotli bytes of what a target would deploy
 * (node: the minified handler bundle; wasm: the .wasm; a transpiled
 * component: its glue plus core modules). Compressed sizes approximate what
 * travels to a cold Lambda: a deployment zip is deflate, so gzip at level 9
 * is the closer figure; brotli (quality 11, 9 for files over 2 MiB) is near
 * the floor of what compression can reach.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { BUILD_DIR } from '../paths.js';
import type { ArtifactBytes, TargetAdapter, TargetWorkload } from '../contract/index.js';

/** Files above this size are brotli-compressed at quality 9: q11 takes ~50 s on a 12 MB component (q9: ~4 s, about 14% larger). */
export const BROTLI_MAX_QUALITY_LIMIT_BYTES = 2 * 1024 * 1024;

/** Compressed sizes of one file, with the brotli quality used. */
export interface CompressedSizes {
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
  readonly brotliQuality: number;
}

/** Raw, gzip -9 and brotli sizes of one buffer (q11, or q9 above BROTLI_MAX_QUALITY_LIMIT_BYTES). */
export function compressedSizes(bytes: Uint8Array): CompressedSizes {
  const quality = bytes.byteLength > BROTLI_MAX_QUALITY_LIMIT_BYTES ? 9 : constants.BROTLI_MAX_QUALITY;
  return {
    raw: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: quality,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    }).byteLength,
    brotliQuality: quality,
  };
}

/**
 * compressedSizes, remembered by content hash under build/: brotli q11 of a
 * 12 MB StarlingMonkey component takes tens of seconds, and the same bytes
 * always compress to the same size.
 */
export function cachedCompressedSizes(bytes: Uint8Array, cacheDir = join(BUILD_DIR, '.artifact-sizes')): CompressedSizes {
  const path = join(cacheDir, `${createHash('sha256').update(bytes).digest('hex')}.json`);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as CompressedSizes;
  const sizes = compressedSizes(bytes);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(path, JSON.stringify(sizes));
  return sizes;
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
    ...cachedCompressedSizes(readFileSync(artifact.path)),
  }));
  const sum = (field: 'raw' | 'gzip' | 'brotli'): number => files.reduce((total, file) => total + file[field], 0);
  return { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli'), files };
}
