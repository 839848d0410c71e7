/**
 * Every function's log lines as CloudWatch Logs keeps them: log group
 * (`/aws/lambda/<name>`, or the function's LoggingConfig.LogGroup), one log
 * stream per execution environment (`YYYY/MM/DD/[$LATEST]<id>`), one event per
 * line with the time it reached the server. Platform lines (INIT_START, START,
 * END, REPORT) and what the handler prints go through the same path, so a
 * receipt timestamp a handler logs is read back as on AWS.
 *
 * Memory is bounded (`maxBytes` of message text over all groups): past it the
 * oldest events of the group being written are dropped and counted, and the
 * status says so (AWS keeps them; a count read from a store that dropped
 * events would be wrong, so the count is there to check).
 */

/** One log event, as FilterLogEvents and GetLogEvents return it. */
export interface LogEvent {
  readonly logStreamName: string;
  /** Epoch ms the line was written (reached the server). */
  readonly timestamp: number;
  /** Epoch ms it was stored: the same instant here. */
  readonly ingestionTime: number;
  readonly message: string;
  /** Position in the group, from 0: orders events and pages them. */
  readonly seq: number;
}

/** A stream's bookkeeping, for DescribeLogStreams. */
export interface StreamInfo {
  readonly name: string;
  readonly creationTime: number;
  firstEventTimestamp: number | undefined;
  lastEventTimestamp: number | undefined;
  lastIngestionTime: number | undefined;
  storedBytes: number;
  /** The unfinished last line (output without its newline yet). */
  partial: string;
}

/** One log group. */
export interface GroupInfo {
  readonly name: string;
  readonly creationTime: number;
  readonly streams: Map<string, StreamInfo>;
  /** Events in arrival order; the first `dropped` of the group's history are gone. */
  readonly events: LogEvent[];
  /** Index of the first live event in `events` (dropped ones are cut off lazily). */
  head: number;
  nextSeq: number;
  storedBytes: number;
  dropped: number;
}

/** Status figures of the store. */
export interface LogStoreStatus {
  readonly groups: number;
  readonly events: number;
  readonly bytes: number;
  readonly maxBytes: number;
  /** Events dropped to stay within maxBytes: a non-zero count means counts read from the logs are short. */
  readonly droppedEvents: number;
}

/** Default bound of stored message text: 64 MB, about 400 000 platform lines. */
export const DEFAULT_LOG_BYTES = 64 * 2 ** 20;

/** The in-memory log store. */
export class LogStore {
  private readonly groups = new Map<string, GroupInfo>();
  private totalBytes = 0;

  /**
   * @param now the clock events are stamped with (tests pass a fake)
   * @param maxBytes bound of stored message text over all groups
   */
  constructor(
    private readonly now: () => number = Date.now,
    readonly maxBytes: number = DEFAULT_LOG_BYTES,
  ) {}

  /** Appends output of one stream: complete lines become events, an unfinished one waits for its end. */
  append(groupName: string, streamName: string, text: string): void {
    const now = this.now();
    const group = this.group(groupName, now);
    let stream = group.streams.get(streamName);
    if (!stream) {
      stream = {
        name: streamName, creationTime: now, firstEventTimestamp: undefined, lastEventTimestamp: undefined,
        lastIngestionTime: undefined, storedBytes: 0, partial: '',
      };
      group.streams.set(streamName, stream);
    }
    const lines = (stream.partial + text).split('\n');
    stream.partial = lines.pop() ?? '';
    // Lambda's log events keep the line's newline (`REPORT ...\t\n`): parsers that trim read both alike.
    for (const line of lines) this.add(group, stream, `${line}\n`, now);
  }

  /** The group of a name, if it exists. */
  find(name: string): GroupInfo | undefined {
    return this.groups.get(name);
  }

  /** Every group, by name. */
  list(): GroupInfo[] {
    return [...this.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Live events of a group from sequence number `fromSeq` on, in arrival order. */
  *eventsFrom(group: GroupInfo, fromSeq: number): Generator<LogEvent> {
    const first = group.events[group.head]?.seq ?? group.nextSeq;
    for (let i = group.head + Math.max(0, fromSeq - first); i < group.events.length; i++) {
      const event = group.events[i];
      if (event) yield event;
    }
  }

  /** DeleteLogGroup: false when there is none. */
  delete(name: string): boolean {
    const group = this.groups.get(name);
    if (!group) return false;
    this.totalBytes -= group.storedBytes;
    return this.groups.delete(name);
  }

  /** Figures for the status. */
  status(): LogStoreStatus {
    let events = 0;
    let dropped = 0;
    for (const group of this.groups.values()) {
      events += group.events.length - group.head;
      dropped += group.dropped;
    }
    return { groups: this.groups.size, events, bytes: this.totalBytes, maxBytes: this.maxBytes, droppedEvents: dropped };
  }

  private group(name: string, now: number): GroupInfo {
    let group = this.groups.get(name);
    if (!group) {
      group = { name, creationTime: now, streams: new Map(), events: [], head: 0, nextSeq: 0, storedBytes: 0, dropped: 0 };
      this.groups.set(name, group);
    }
    return group;
  }

  private add(group: GroupInfo, stream: StreamInfo, message: string, now: number): void {
    const bytes = Buffer.byteLength(message) + 26; // CloudWatch bills 26 bytes of overhead per event
    group.events.push({ logStreamName: stream.name, timestamp: now, ingestionTime: now, message, seq: group.nextSeq });
    group.nextSeq += 1;
    group.storedBytes += bytes;
    stream.storedBytes += bytes;
    this.totalBytes += bytes;
    stream.firstEventTimestamp ??= now;
    stream.lastEventTimestamp = now;
    stream.lastIngestionTime = now;
    while (this.totalBytes > this.maxBytes && group.head < group.events.length - 1) this.dropOldest(group);
  }

  private dropOldest(group: GroupInfo): void {
    const event = group.events[group.head];
    if (!event) return;
    const bytes = Buffer.byteLength(event.message) + 26;
    group.head += 1;
    group.dropped += 1;
    group.storedBytes -= bytes;
    this.totalBytes -= bytes;
    // Cut the dropped prefix off now and then, not per event (splice is linear).
    if (group.head > 4096 && group.head * 2 > group.events.length) {
      group.events.splice(0, group.head);
      group.head = 0;
    }
  }
}
