/**
 * Handlers the local Lambda's tests deploy, zipped in memory with fflate. One
 * module exports every behaviour; each test function picks one with its
 * Handler string (`index.<name>`).
 */

import { strToU8, zipSync } from 'fflate';

/** The handler module (ESM), as a Lambda deployment package would carry it. */
export const HANDLER_SOURCE = `
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

// Differs per execution environment: tells warm reuse from a new environment.
const environmentId = randomUUID();
const keep = [];
console.log('init', environmentId);

export const echo = async (event, context) => {
  console.log('echo', JSON.stringify(event));
  return {
    event,
    environmentId,
    pid: process.pid,
    mark: process.env.MARK ?? null,
    memoryLimitInMB: context.memoryLimitInMB,
    functionName: context.functionName,
    invokedFunctionArn: context.invokedFunctionArn,
    remainingMs: context.getRemainingTimeInMillis(),
    handlerEnv: process.env._HANDLER,
    cwdIsTaskRoot: process.cwd() === process.env.LAMBDA_TASK_ROOT,
  };
};

// Logs when it received the event (epoch ms) and which event it was, as a load client's handler does.
export const receipt = async (event) => {
  console.log(JSON.stringify({ receivedAt: Date.now(), mark: event.mark ?? event.detail?.mark ?? null }));
  return { environmentId };
};

export const boom = async () => {
  throw new TypeError('boom');
};

export const sleepy = async (event) => {
  await sleep(event.ms ?? 300);
  return { environmentId };
};

// Busy until the test creates event.release: invocations overlap for certain, however slow the machine.
export const hold = async (event) => {
  while (!existsSync(event.release)) await sleep(10);
  return { environmentId, pid: process.pid };
};

export const exit = async (event) => {
  process.exit(event.code ?? 3);
};

// JS heap: stopped by V8's old-space limit (memory size minus the young generation, as Lambda's bootstrap sets it).
export const heap = async () => {
  for (let i = 0; ; i++) keep.push(new Array(4e6).fill(i + 0.5));
};

// Off-heap memory: only the memory cgroup stops it.
export const offheap = async () => {
  for (let i = 0; i < 64; i++) keep.push(Buffer.alloc(8 << 20, i));
  return keep.length;
};

export const spin = async (event) => {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  let x = 0;
  for (let i = 0; i < event.n; i++) x = (x + i * i) % 1000003;
  const cpu = process.cpuUsage(cpu0);
  return { x, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - wall0 };
};

export const chatty = async () => {
  for (let i = 0; i < 200; i++) console.log('line', i, 'x'.repeat(100));
  return 'done';
};

export const touch = async (event) => {
  await writeFile(event.path, environmentId);
  return 'written';
};
`;

/** A deployment package holding HANDLER_SOURCE as index.mjs (plus `extra` files). */
export function handlerZip(extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = { 'index.mjs': strToU8(HANDLER_SOURCE) };
  for (const [name, text] of Object.entries(extra)) files[name] = strToU8(text);
  return zipSync(files);
}

/** The fields of a REPORT line, read by key (order and trailing tabs vary on Lambda). */
export function reportFields(log: string): Map<string, string> {
  const line = log.split('\n').find((l) => l.startsWith('REPORT RequestId:'));
  const fields = new Map<string, string>();
  if (!line) return fields;
  for (const part of line.split('\t')) {
    const at = part.indexOf(': ');
    if (at > 0) fields.set(part.slice(0, at).replace(/^REPORT /, '').trim(), part.slice(at + 2).trim());
  }
  return fields;
}

/** A REPORT value in ms or MB as a number (`12.34 ms` → 12.34). */
export function reportNumber(fields: Map<string, string>, key: string): number | undefined {
  const value = fields.get(key);
  return value === undefined ? undefined : Number.parseFloat(value);
}
