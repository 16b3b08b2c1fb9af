import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import { abortableSleep } from '../abortable-sleep.js';
import {
  DuplicateEventIdError,
  InvalidEventStoreArgumentError,
  WrongExpectedVersionError,
} from '../event-store.errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.port.js';
import {
  assertStreamName,
  assertValidAppend,
  assertValidReadAll,
  expectedAsNumber,
} from '../event-store.validation.js';
import { comparePositions, formatPosition, parsePosition } from '../position.js';
import { CommitNotifier } from './commit-notifier.js';
import { PostgresChangeListener } from './postgres-change-listener.js';
import { Wakeups } from '../wakeups.js';
import { GroupCommit, type AppendRow, type AppendRequest, type GroupCommitOptions } from './group-commit.js';
import {
  appendSql,
  EVENTS_CHANNEL,
  filterSql,
  HEAD_SQL,
  prepared,
  READ_STREAM_SQL,
  READ_STREAMS_SQL,
  readAllSql,
  readPageSql,
} from './postgres-event-store.sql.js';

import type { Queryable } from './queryable.js';

export type { Queryable };

export interface PostgresEventStoreOptions {
  /**
   * How subscriptions learn about new events. 'listen': every commit of an append is followed by a NOTIFY and a
   * dedicated connection LISTENs (real PostgreSQL). 'poll': subscriptions re-read every pollIntervalMs (the embedded database, where LISTEN does
   * not cross connections).
   */
  notifications?: 'listen' | 'poll';
  /** Where the LISTEN connection goes; defaults to the pool's own connection string. */
  listenConnectionString?: string;
  /** Poll interval in 'poll' mode, and while events wait above the transaction horizon. */
  pollIntervalMs?: number;
  /** In 'listen' mode, the longest wait without a notification (a safety net for a lost one). */
  listenFallbackMs?: number;
  /** Bounded retries when a concurrent append with expectedVersion 'any' wins the race. */
  maxAnyVersionRetries?: number;
  /** Through a pool, appends that arrive together commit together (see GroupCommit); on unless false. */
  groupCommit?: boolean | GroupCommitOptions;
  /**
   * In 'listen' mode through a pool, how long the NOTIFY after a commit waits to announce the commits that follow it
   * as well (2 ms unless set): under many writers, one announcement instead of a statement running back to back.
   * Subscribers in this process are woken at once regardless.
   */
  notifyGatherMs?: number;
}

const UNIQUE_VIOLATION = '23505';
const EVENT_ID_KEY = 'events_event_id_key';
const DEFAULT_LIMIT = 1000;
const READ_STREAMS_CHUNK = 1000;

interface EventRow {
  position: string;
  transaction_id: string;
  stream_name: string;
  version: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
  hash: Buffer | null;
}

interface PageRow extends Partial<EventRow> {
  blocked: boolean;
  head_xid: string | null;
  head_position: string | null;
}

interface Page {
  events: RecordedEvent[];
  /** How far the read looked, matching or not: the next read starts after it. */
  scannedTo: Position | undefined;
  /** Committed events wait above the horizon for an older open transaction to end. */
  blocked: boolean;
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamName: row.stream_name,
    version: Number(row.version),
    position: formatPosition(row.transaction_id, row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at.toISOString(),
    ...(row.hash ? { hash: row.hash.toString('hex') } : {}),
  };
}

const latest = (a: Position | undefined, b: Position | undefined) => (comparePositions(a, b) >= 0 ? a : b);

function afterParams(after: Position | undefined): [string, string] {
  const [transactionId, position] = after === undefined ? [0n, 0n] : parsePosition(after);
  return [transactionId.toString(), position.toString()];
}

/**
 * Event store on PostgreSQL (or embedded PGlite through the same pool of one connection). Its pool should run with
 * jit off (the application's does): the group append's estimated cost passes the default jit_above_cost, and
 * compiling it took 40 times as long as running it.
 */
export class PostgresEventStore implements EventStore {
  private readonly notifications: 'listen' | 'poll';
  private readonly pollIntervalMs: number;
  private readonly listenFallbackMs: number;
  private readonly maxAnyVersionRetries: number;
  private readonly appendStatement: string;
  private listener: PostgresChangeListener | undefined;
  private readonly notifier: CommitNotifier | undefined;
  private readonly groupCommit: GroupCommit | undefined;
  /** Appends this process committed itself: its own subscribers wake at once, without a round trip. */
  private readonly localCommits: Wakeups | undefined;
  /** Names this store's own NOTIFYs, which its subscribers skip: localCommits already woke them for those commits. */
  private readonly sender = randomUUID();
  /** Live reads in flight, by generations and page (see sharedReadPage). */
  private readonly liveReads = new Map<string, Promise<Page>>();

  constructor(
    private readonly db: Queryable,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.notifications = options.notifications ?? 'poll';
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.listenFallbackMs = options.listenFallbackMs ?? 2000;
    this.maxAnyVersionRetries = options.maxAnyVersionRetries ?? 10;
    // Through a pool each append commits on its own and the notifier announces it; on a caller's client the
    // commit is the caller's, so the NOTIFY goes into the statement and PostgreSQL delivers it at that commit.
    const pooled = 'idleCount' in db;
    const listen = this.notifications === 'listen';
    this.notifier =
      listen && pooled
        ? new CommitNotifier(db, EVENTS_CHANNEL, {
            sender: this.sender,
            gatherMs: options.notifyGatherMs ?? 2,
          })
        : undefined;
    this.localCommits = pooled ? new Wakeups() : undefined;
    this.groupCommit =
      pooled && options.groupCommit !== false
        ? new GroupCommit(
            db as pg.Pool,
            (request) => this.appendQuery(request),
            options.groupCommit === true ? {} : options.groupCommit,
          )
        : undefined;
    this.appendStatement = appendSql(listen && !pooled);
  }

  async append(
    streamName: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    assertValidAppend(streamName, events, options);
    const payload = JSON.stringify(
      events.map((e) => ({
        id: e.id,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: e.metadata,
      })),
    );
    const expected = expectedAsNumber(options.expectedVersion);
    const mustExist = options.expectedVersion === 'stream_exists';
    for (let attempt = 0; ; attempt++) {
      let row: AppendRow;
      try {
        const request = { streamName, payload, expected: expected ?? null, mustExist };
        row = this.groupCommit
          ? await this.groupCommit.run(request)
          : (await this.db.query<AppendRow>(this.appendQuery(request))).rows[0]!;
      } catch (error) {
        const { code, constraint } = error as { code?: string; constraint?: string };
        if (code !== UNIQUE_VIOLATION) throw error;
        // Lost the race for the same version (or the same event id) to a writer that just committed: re-run to
        // tell an idempotent retry from a real conflict. An id that is still refused on the re-run, when this stream
        // does not hold it, belongs to another stream.
        if (attempt < 1) continue;
        if (constraint === EVENT_ID_KEY) throw new DuplicateEventIdError(streamName);
        if (expected === undefined && attempt < this.maxAnyVersionRetries) continue;
        throw new WrongExpectedVersionError(streamName, String(options.expectedVersion), -1);
      }
      if (row.stored_count === events.length) {
        return {
          streamVersion: Number(row.stored_version),
          position: formatPosition(row.stored_transaction_id!, row.stored_position!),
        };
      }
      if (!row.guard_ok) {
        throw new InvalidEventStoreArgumentError(
          "An append can join a transaction only before that transaction's other writes",
        );
      }
      if (row.version === null) {
        throw new WrongExpectedVersionError(
          streamName,
          String(options.expectedVersion),
          Number(row.current_version),
        );
      }
      this.notifier?.poke();
      this.localCommits?.bump();
      return {
        streamVersion: Number(row.version),
        position: formatPosition(row.transaction_id!, row.position!),
      };
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamName(streamName);
    const { rows } = await this.db.query<EventRow>(
      prepared(READ_STREAM_SQL, [
        streamName,
        options.fromVersion ?? 0,
        options.toVersion ?? Number.MAX_SAFE_INTEGER,
      ]),
    );
    return rows.map(toRecorded);
  }

  async readStreams(streamNames: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    streamNames.forEach(assertStreamName);
    const streams = new Map<string, RecordedEvent[]>(streamNames.map((name) => [name, []]));
    // Bounded statements: a million names in one array would be one very large parameter.
    for (let i = 0; i < streamNames.length; i += READ_STREAMS_CHUNK) {
      const chunk = streamNames.slice(i, i + READ_STREAMS_CHUNK);
      const { rows } = await this.db.query<EventRow>(prepared(READ_STREAMS_SQL, [chunk]));
      for (const row of rows) streams.get(row.stream_name)!.push(toRecorded(row));
    }
    return streams;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertValidReadAll(options);
    const params: unknown[] = [...afterParams(options.after), options.limit ?? DEFAULT_LIMIT];
    const { rows } = await this.db.query<EventRow>(prepared(readAllSql(filterSql(options, params)), params));
    return rows.map(toRecorded);
  }

  async *subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent[]> {
    assertValidReadAll(options);
    const batchSize = options.batchSize ?? 500;
    const listener = this.changeListener();
    // Listening starts before the first read, so nothing committed after that read goes unannounced.
    if (listener) await listener.ready();
    let after = options.after;
    let catchingUp = true;
    while (!options.signal?.aborted) {
      if (catchingUp) {
        // While whole pages come back, the plain read is enough: head and blocked only matter at the end of the log.
        const { types, streamPrefix } = options;
        const events = await this.readAll({ after, limit: batchSize, types, streamPrefix });
        catchingUp = events.length === batchSize;
        if (events.length > 0) {
          after = events[events.length - 1]!.position;
          yield events;
        }
        continue;
      }
      const seen = listener?.generation ?? 0;
      const seenLocal = this.localCommits?.generation ?? 0;
      const page = await this.sharedReadPage(after, batchSize, options, `${seen}/${seenLocal}`);
      after = page.scannedTo ?? after;
      if (page.events.length > 0) yield page.events;
      catchingUp = page.events.length === batchSize;
      if (catchingUp || options.signal?.aborted) continue;
      // Events waiting above the horizon become readable when an older transaction ends, which notifies nobody.
      const fallbackMs = !listener || page.blocked ? this.pollIntervalMs : this.listenFallbackMs;
      await this.waitForCommits(listener, seen, seenLocal, fallbackMs, options.signal);
    }
  }

  async headPosition(): Promise<Position | undefined> {
    const { rows } = await this.db.query<{ position: string; transaction_id: string }>(
      prepared(HEAD_SQL, []),
    );
    return rows[0] ? formatPosition(rows[0].transaction_id, rows[0].position) : undefined;
  }

  /** Ends the LISTEN connection; the pool belongs to whoever created it. */
  async close(): Promise<void> {
    await this.notifier?.drain();
    await this.listener?.close();
    this.listener = undefined;
  }

  /**
   * The live read, shared by the subscribers that ask for the same page after the same wake-up (every projection
   * runner, woken by one commit): one statement instead of one each. Only a read that started at the same
   * generations may be joined: it cannot have missed a commit the joiner was woken for.
   */
  private sharedReadPage(
    after: Position | undefined,
    limit: number,
    filter: SubscribeOptions,
    generations: string,
  ): Promise<Page> {
    const key = JSON.stringify([generations, after, limit, filter.types, filter.streamPrefix]);
    let read = this.liveReads.get(key);
    if (!read) {
      read = this.readPage(after, limit, filter).finally(() => this.liveReads.delete(key));
      this.liveReads.set(key, read);
    }
    return read;
  }

  private async readPage(
    after: Position | undefined,
    limit: number,
    filter: SubscribeOptions,
  ): Promise<Page> {
    const params: unknown[] = [...afterParams(after), limit];
    const { rows } = await this.db.query<PageRow>(prepared(readPageSql(filterSql(filter, params)), params));
    const first = rows[0]!;
    const events = rows.filter((r) => r.position != null).map((r) => toRecorded(r as EventRow));
    const head = first.head_xid === null ? undefined : formatPosition(first.head_xid, first.head_position!);
    // A full page stops at its last event; a short one has seen everything readable, matching or not.
    const scannedTo = events.length === limit ? events[events.length - 1]!.position : latest(head, after);
    return { events, scannedTo, blocked: first.blocked };
  }

  private appendQuery({ streamName, payload, expected, mustExist }: AppendRequest) {
    return prepared(this.appendStatement, [streamName, payload, expected, mustExist]);
  }

  /** Until a commit here or (listening) anywhere is announced, or fallbackMs pass. */
  private async waitForCommits(
    listener: PostgresChangeListener | undefined,
    seen: number,
    seenLocal: number,
    fallbackMs: number,
    signal?: AbortSignal,
  ): Promise<void> {
    if (!this.localCommits) {
      if (listener) await listener.wait(seen, fallbackMs, signal);
      else await abortableSleep(fallbackMs, signal);
      return;
    }
    if (!listener) return this.localCommits.wait(seenLocal, fallbackMs, signal);
    const first = new AbortController();
    const both = signal ? AbortSignal.any([signal, first.signal]) : first.signal;
    await Promise.race([
      listener.wait(seen, fallbackMs, both),
      this.localCommits.wait(seenLocal, fallbackMs, both),
    ]);
    first.abort();
  }

  private changeListener(): PostgresChangeListener | undefined {
    if (this.notifications !== 'listen') return undefined;
    const connectionString =
      this.options.listenConnectionString ?? (this.db as Partial<pg.Pool>).options?.connectionString;
    if (!connectionString) return undefined;
    this.listener ??= new PostgresChangeListener(
      connectionString,
      EVENTS_CHANNEL,
      this.localCommits ? this.sender : undefined,
    );
    return this.listener;
  }
}
