import { defineWorkload } from '../_kit/define.js';
import { alreadyIdiomatic } from '../../harness/workloads/idiomatic.js';
import { randomBytes, seedFor } from '../_kit/random.js';

const BYTES = { small: 64, medium: 4 * 1024, large: 256 * 1024 } as const;

export default defineWorkload({
  name: 'noop',
  description: 'Returns its input unchanged: the fixed cost of each target (call boundary, marshalling floor).',
  stresses: ['call boundary', 'copying the payload in and out'],
  payload: { input: 'bytes', output: 'bytes' },
  sizes: {
    small: { description: '64 B payload', params: { bytes: BYTES.small } },
    medium: { description: '4 KiB payload', params: { bytes: BYTES.medium } },
    large: { description: '256 KiB payload', params: { bytes: BYTES.large } },
  },
  asc: { runtime: 'incremental', why: 'allocates one output buffer per call; the incremental GC reclaims it without host help' },
  unsupportedTargets: { 'node-idiomatic': alreadyIdiomatic('it returns its input; no built-in could do less') },
  generateInput: (size, seed) => randomBytes(BYTES[size], seedFor(size, seed)),
});
