import { defineWorkload } from '../_kit/define.js';
import { randomBytes, seedFor } from '../_kit/random.js';

const BYTES = { small: 1024, medium: 64 * 1024, large: 1024 * 1024 } as const;

export default defineWorkload({
  name: 'sha256',
  description: 'SHA-256 digest of a request body (signature or integrity check): bytes in, 32-byte digest out.',
  stresses: ['32-bit integer arithmetic (add, rotate, xor)', 'sequential byte reads', 'tight loop over a large payload'],
  payload: { input: 'bytes', output: 'bytes' },
  sizes: {
    small: { description: '1 KiB payload', params: { bytes: BYTES.small } },
    medium: { description: '64 KiB payload', params: { bytes: BYTES.medium } },
    large: { description: '1 MiB payload', params: { bytes: BYTES.large } },
  },
  asc: {
    runtime: 'incremental',
    why: 'the hash itself only uses module-lifetime scratch (message schedule, padding block), but each call allocates its 32-byte output buffer; the incremental GC reclaims those without host help',
  },
  generateInput: (size, seed) => randomBytes(BYTES[size], seedFor(size, seed)),
});
