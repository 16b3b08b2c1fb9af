import type pg from 'pg';
import { APPEND_GROUP_SQL, prepared } from './postgres-event-store.sql.js';

/** What the append statements answer, per stream. */
export interface AppendRow {
  guard_ok: boolean;
  current_version: string;
  stored_count: number;
  stored_version: string | null;
  stored_position: string | null;
  stored_transaction_id: string | null;
  version: string | null;
  position: string | null;
  transaction_id: string | null;
}

export interface AppendRequest {
  streamName: string;
  /** The events as the JSON array the append statements read. */
  payload: string;
  expected: number | null;
  mustExist: boolean;
}

export interface GroupCommitOptions {
  /** Statements appending at once; an append that finds them all busy joins the next group. */
  maxInFlight?: number;
  /** Streams in one group at most. */
  maxGroup?: number;
}

interface Pending {
  request: AppendRequest;
  resolve(row: AppendRow): void;
  reject(error: unknown): void;
}

/**
 * Group commit: appends that arrive while the database is busy with others wait, then go together in one statement
 * (one round trip, one commit and WAL flush for the whole group) instead of each paying for its own. An append
 * that finds a slot free goes at once, alone, so a lone writer waits for nobody.
 *
 * Each append keeps its own checks and its own answer, a version conflict included. A group holds a stream once;
 * a second append to it waits for the next group, so it sees the first. If the statement fails (an event id another
 * stream holds, a race with a writer outside the group, the connection), each append of the group runs again alone
 * and gets its own answer: nothing of the failed statement committed.
 */
export class GroupCommit {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxGroup: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly single: (request: AppendRequest) => pg.QueryConfig,
    options: GroupCommitOptions = {},
  ) {
    // One statement at a time made the largest groups and the best rate with 8 writers on 2 cores (about 4.5 appends a
    // group, 1.45x one commit per append); two or four in flight made smaller groups and less.
    this.maxInFlight = options.maxInFlight ?? 1;
    this.maxGroup = options.maxGroup ?? 64;
  }

  run(request: AppendRequest): Promise<AppendRow> {
    return new Promise<AppendRow>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const group = this.take();
      this.inFlight++;
      void this.commit(group).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  /** The next group: queued appends in order, one per stream; the rest keep their place in the queue. */
  private take(): Pending[] {
    const streams = new Set<string>();
    const group: Pending[] = [];
    for (let i = 0; i < this.queue.length && group.length < this.maxGroup;) {
      const pending = this.queue[i]!;
      if (streams.has(pending.request.streamName)) {
        i++;
        continue;
      }
      streams.add(pending.request.streamName);
      group.push(pending);
      this.queue.splice(i, 1);
    }
    return group;
  }

  private async commit(group: Pending[]): Promise<void> {
    if (group.length === 1) return this.alone(group[0]!);
    const requests = group.map(
      ({ request }) =>
        `{"stream":${JSON.stringify(request.streamName)},"expected":${request.expected ?? 'null'},` +
        `"mustExist":${request.mustExist},"events":${request.payload}}`,
    );
    let rows: AppendRow[];
    try {
      ({ rows } = await this.pool.query<AppendRow>(prepared(APPEND_GROUP_SQL, [`[${requests.join(',')}]`])));
    } catch {
      for (const pending of group) await this.alone(pending);
      return;
    }
    group.forEach((pending, i) => pending.resolve(rows[i]!));
  }

  private async alone(pending: Pending): Promise<void> {
    try {
      pending.resolve((await this.pool.query<AppendRow>(this.single(pending.request))).rows[0]!);
    } catch (error) {
      pending.reject(error);
    }
  }
}
