/**
 * The children's message channel: one JSON line per message on file
 * descriptor 3 (stdout and stderr stay the workload's). Shared by the cold
 * child and the warm fork; imports only node:fs, so importing it does no
 * work a cold start would measure.
 */
import { writeSync } from 'node:fs';

/** The descriptor the parent reads messages from (see sample.ts `nodeSpawner`). */
export const MESSAGE_FD = 3;

/** Writes one message as a JSON line, retrying while the pipe is momentarily full. */
export function sendMessage(message: unknown, fd: number = MESSAGE_FD): void {
  const bytes = Buffer.from(`${JSON.stringify(message)}\n`, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}
