/**
 * The CloudWatch-Logs-compatible store and filter patterns: lines split as
 * they arrive (an unfinished line waits for its end), timestamps from the
 * injected clock, the bound on stored text with its drop count, and the
 * pattern syntax FilterLogEvents applies.
 */

import { describe, expect, it } from 'vitest';
import { compileFilter, FilterPatternError } from './log-filter.js';
import { LogStore } from './log-store.js';

describe('LogStore', () => {
  it('stores one event per line with the time it arrived, keeping an unfinished line until its end', () => {
    let now = 1000;
    const store = new LogStore(() => now);
    store.append('/aws/lambda/f', 's1', 'INIT_START Runtime Version: x\nSTART RequestId: a');
    now = 1005;
    store.append('/aws/lambda/f', 's1', ' Version: $LATEST\n');
    const group = store.find('/aws/lambda/f')!;
    const events = [...store.eventsFrom(group, 0)];
    expect(events.map((e) => [e.message, e.timestamp, e.seq])).toEqual([
      ['INIT_START Runtime Version: x\n', 1000, 0],
      ['START RequestId: a Version: $LATEST\n', 1005, 1],
    ]);
    expect(group.streams.get('s1')).toMatchObject({ firstEventTimestamp: 1000, lastEventTimestamp: 1005 });
  });

  it('drops the oldest events of the group written past its byte bound, and counts them', () => {
    const store = new LogStore(() => 0, 40 * 5);
    for (let i = 0; i < 10; i++) store.append('g', 's', `${'x'.repeat(13)}${i}\n`);
    const { events, droppedEvents, bytes } = store.status();
    expect(events + droppedEvents).toBe(10);
    expect(droppedEvents).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(200);
    const left = [...store.eventsFrom(store.find('g')!, 0)];
    expect(left.at(-1)?.message).toBe(`${'x'.repeat(13)}9\n`);
    expect(left[0]?.seq).toBe(droppedEvents);
  });
});

describe('filter patterns', () => {
  const lines = [
    'INIT_START Runtime Version: nodejs:20.local\n',
    'START RequestId: 1 Version: $LATEST\n',
    '2026-11-29T06:00:00.000Z\t1\tINFO\treceived 1764396000000\n',
    'REPORT RequestId: 1\tDuration: 1.00 ms\tInit Duration: 100.00 ms\t\n',
    '{"time":"t","type":"platform.report","record":{"requestId":"2","metrics":{"durationMs":3.5,"initDurationMs":90}}}\n',
  ];
  const hits = (pattern: string): number[] => lines.flatMap((line, i) => (compileFilter(pattern)(line) ? [i] : []));

  it('matches terms (all), ?terms (any), -terms (none) and quoted phrases, case-sensitively', () => {
    expect(hits('')).toEqual([0, 1, 2, 3, 4]);
    expect(hits('INIT_START')).toEqual([0]);
    expect(hits('init_start')).toEqual([]);
    expect(hits('"Init Duration"')).toEqual([3]);
    expect(hits('REPORT "Init Duration"')).toEqual([3]);
    expect(hits('?START ?REPORT')).toEqual([0, 1, 3]);
    expect(hits('RequestId -REPORT')).toEqual([1]);
    expect(hits('received')).toEqual([2]);
  });

  it('matches JSON conditions and regular expressions; refuses space-delimited patterns', () => {
    expect(hits('{ $.type = "platform.report" }')).toEqual([4]);
    expect(hits('{ $.record.metrics.initDurationMs > 50 && $.record.requestId = "2" }')).toEqual([4]);
    expect(hits('{ $.record.metrics.durationMs < 1 }')).toEqual([]);
    expect(hits('{ $.type = platform.* }')).toEqual([4]);
    expect(hits('{ $.record.nothing NOT EXISTS }')).toEqual([4]);
    expect(hits('%Duration: [0-9.]+ ms%')).toEqual([3]);
    expect(() => compileFilter('[ip, user]')).toThrow(FilterPatternError);
    expect(() => compileFilter('{ $.a = 1 && $.b = 2 || $.c = 3 }')).toThrow(FilterPatternError);
  });
});
