/** The INIT gate on a fake clock: at most `limit` starts at once, the rest in order, every wait counted. */

import { describe, expect, it } from 'vitest';
import { StartGate, type StartSlot } from './start-gate.js';

describe('StartGate', () => {
  it('grants up to the limit at once, queues the rest in order, and records who waited and how long', async () => {
    let now = 0;
    const gate = new StartGate(2, 'test', () => now);
    const a = await gate.acquire();
    const b = await gate.acquire();
    const order: string[] = [];
    const c = gate.acquire().then((slot) => { order.push('c'); return slot; });
    const d = gate.acquire().then((slot) => { order.push('d'); return slot; });
    expect(gate.status()).toMatchObject({ active: 2, waiting: 2, peakWaiting: 2, waited: 0 });
    now = 150;
    a.release();
    a.release(); // idempotent: one slot, once
    const cSlot: StartSlot = await c;
    expect(order).toEqual(['c']);
    expect(cSlot.waitedMs).toBe(150);
    now = 400;
    b.release();
    expect((await d).waitedMs).toBe(400);
    expect(gate.status()).toMatchObject({ active: 2, waiting: 0, waited: 2, waitMsTotal: 550, waitMsMax: 400 });
    expect(a.waitedMs).toBe(0);
  });

  it('refuses waiting starts when it closes, and every later one', async () => {
    const gate = new StartGate(1, 'test', () => 0);
    await gate.acquire();
    const waiting = gate.acquire();
    gate.close();
    await expect(waiting).rejects.toThrow(/shutting down/);
    await expect(gate.acquire()).rejects.toThrow(/shutting down/);
  });
});
