import { comparePositions, PostgresChangeListener, Wakeups, type Position } from '@claimtrail/event-store';
import type { Pool } from 'pg';

/** Runners NOTIFY it after each committed batch, for read-your-writes in processes that do not run them. */
export const CHECKPOINTS_CHANNEL = 'claimtrail_checkpoints';

export interface ProjectionStatus {
  name: string;
  /** The lowest of its partitions' positions: every event up to it has been applied. */
  position: Position | undefined;
  /** Summed over its partitions. */
  eventsApplied: number;
  updatedAt: Date;
  /** The first failing partition's, if any. */
  lastError: string | undefined;
  /** Streams this projection stopped applying (see ProjectionRunner). */
  quarantined: number;
  /** A rebuild under way (see ProjectionRebuilder), if any. */
  rebuild: RebuildStatus | undefined;
  /** Each partition's checkpoint, when its streams are split into more than one (ADR 0012). */
  partitions?: PartitionStatus[];
}

export interface PartitionStatus {
  partition: number;
  position: Position | undefined;
  eventsApplied: number;
  lastError: string | undefined;
}

export interface RebuildStatus {
  startedAt: Date;
  heartbeatAt: Date;
  eventsApplied: number;
  eventsExpected: number;
}

/**
 * Where each projection has got. Read from the database, so it works whether the projector runs in this process or
 * another; runners in this process also report each commit here, and runners elsewhere NOTIFY (when a
 * listenConnectionString is given), so that a read waiting for its write wakes when it can, not on a poll.
 */
export class CheckpointStore {
  private readonly local = new Wakeups();
  /** By projection, each partition's position as the runners in this process last reported it. */
  private readonly committedHere = new Map<string, Map<number, Position | undefined>>();
  /** By projection, its position as waitUntil last read it from the table. */
  private readonly lastRead = new Map<string, Position | undefined>();
  private readonly listener: PostgresChangeListener | undefined;
  private readonly fallbackPollMs: number;
  private readonly partitions: number;

  constructor(
    private readonly pool: Pool,
    options: { listenConnectionString?: string; fallbackPollMs?: number; partitions?: number } = {},
  ) {
    this.listener = options.listenConnectionString
      ? new PostgresChangeListener(options.listenConnectionString, CHECKPOINTS_CHANNEL)
      : undefined;
    this.fallbackPollMs = options.fallbackPollMs ?? 250;
    this.partitions = options.partitions ?? 1;
  }

  /** A runner in this process committed a batch up to position (or reloaded its checkpoint there). */
  committed(name: string, position: Position | undefined, partition = 0): void {
    let partitions = this.committedHere.get(name);
    if (!partitions) this.committedHere.set(name, (partitions = new Map()));
    partitions.set(partition, position);
    this.local.bump();
  }

  /** The lowest position of the projection's partitions reported here; none until every partition reported. */
  private reportedHere(name: string): { position: Position | undefined } | undefined {
    const partitions = this.committedHere.get(name);
    if (partitions?.size !== this.partitions) return undefined;
    return { position: lowestPosition(partitions.values()) };
  }

  /**
   * How far the projection has got as far as this process knows without asking the database: its runners' reports
   * here, or the table as last read. It may lag the truth, never lead it.
   */
  applied(name: string): Position | undefined {
    const here = this.reportedHere(name)?.position;
    const read = this.lastRead.get(name);
    return comparePositions(here, read) >= 0 ? here : read;
  }

  async close(): Promise<void> {
    await this.listener?.close();
  }

  async statuses(names?: readonly string[]): Promise<ProjectionStatus[]> {
    const { rows } = await this.pool.query<{
      name: string;
      partition: number;
      position: string | null;
      events_applied: string;
      updated_at: Date;
      last_error: string | null;
      quarantined: number;
      rebuild_started_at: Date | null;
      rebuild_heartbeat_at: Date | null;
      rebuild_events_applied: string | null;
      rebuild_events_expected: string | null;
    }>(
      `SELECT c.name, c.partition, c.position, c.events_applied, c.updated_at, c.last_error,
         (SELECT count(*) FROM projection_quarantine q WHERE q.projection = c.name)::int AS quarantined,
         r.started_at AS rebuild_started_at, r.heartbeat_at AS rebuild_heartbeat_at,
         r.events_applied AS rebuild_events_applied, r.events_expected AS rebuild_events_expected
       FROM projection_checkpoints c LEFT JOIN projection_rebuilds r ON r.name = c.name
       WHERE $1::text[] IS NULL OR c.name = ANY($1::text[]) ORDER BY c.name, c.partition`,
      [names ?? null],
    );
    const byName = new Map<string, typeof rows>();
    for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
    return [...byName.values()].map((partitions) => {
      const row = partitions[0]!;
      const detail = partitions.map((p) => ({
        partition: p.partition,
        position: p.position ?? undefined,
        eventsApplied: Number(p.events_applied),
        lastError: p.last_error ?? undefined,
      }));
      return {
        name: row.name,
        position: lowestPosition(detail.map((p) => p.position)),
        eventsApplied: detail.reduce((sum, p) => sum + p.eventsApplied, 0),
        updatedAt: new Date(Math.max(...partitions.map((p) => p.updated_at.getTime()))),
        lastError: detail.find((p) => p.lastError !== undefined)?.lastError,
        quarantined: row.quarantined,
        rebuild:
          row.rebuild_started_at === null
            ? undefined
            : {
                startedAt: row.rebuild_started_at,
                heartbeatAt: row.rebuild_heartbeat_at!,
                eventsApplied: Number(row.rebuild_events_applied),
                eventsExpected: Number(row.rebuild_events_expected),
              },
        ...(detail.length > 1 && { partitions: detail }),
      };
    });
  }

  /** The quarantine entries of one projection for the given streams, by stream name. */
  async quarantinedAmong(
    projection: string,
    streamNames: readonly string[],
  ): Promise<Map<string, { position: Position; eventType: string; errorClass: string; since: Date }>> {
    if (streamNames.length === 0) return new Map();
    const { rows } = await this.pool.query<{
      stream_name: string;
      position: string;
      event_type: string;
      error_class: string;
      quarantined_at: Date;
    }>(
      `SELECT stream_name, position, event_type, error_class, quarantined_at FROM projection_quarantine
       WHERE projection = $1 AND stream_name = ANY($2::text[])`,
      [projection, streamNames],
    );
    return new Map(
      rows.map((r) => [
        r.stream_name,
        { position: r.position, eventType: r.event_type, errorClass: r.error_class, since: r.quarantined_at },
      ]),
    );
  }

  /**
   * True once every named projection has applied the log up to position, in every partition; false when the time
   * runs out first.
   */
  async waitUntil(names: readonly string[], position: Position, timeoutMs: number): Promise<boolean> {
    const reached = (of: (name: string) => { position: Position | undefined } | undefined) =>
      names.every((name) => comparePositions(of(name)?.position, position) >= 0);
    const reachedHere = () => reached((name) => this.reportedHere(name));
    if (reachedHere()) return true;
    if (this.listener) await this.listener.ready();
    // With every runner in this process and none elsewhere announcing over NOTIFY, their reports are the news: the
    // table is read only every fallbackPollMs (for a runner on the same database elsewhere), not on every wake-up.
    // On the embedded database, whose one connection the runners' transactions hold, that read was a wait of its own.
    const localOnly = !this.listener && names.every((name) => this.reportedHere(name) !== undefined);
    const deadline = performance.now() + timeoutMs;
    let nextRead = localOnly ? performance.now() + this.fallbackPollMs : 0;
    for (;;) {
      const seenLocal = this.local.generation;
      const seen = this.listener?.generation ?? 0;
      if (performance.now() >= nextRead) {
        const { rows } = await this.pool.query<{ name: string; position: string | null }>(
          'SELECT name, position FROM projection_checkpoints WHERE name = ANY($1::text[])',
          [names],
        );
        const stored = new Map<string, (Position | undefined)[]>();
        for (const row of rows)
          stored.set(row.name, [...(stored.get(row.name) ?? []), row.position ?? undefined]);
        for (const [name, positions] of stored) this.lastRead.set(name, lowestPosition(positions));
        if (
          reached((name) => (stored.has(name) ? { position: lowestPosition(stored.get(name)!) } : undefined))
        )
          return true;
        nextRead = localOnly ? performance.now() + this.fallbackPollMs : 0;
      }
      if (reachedHere()) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      const wait = Math.max(
        0,
        Math.min(this.fallbackPollMs, left, localOnly ? nextRead - performance.now() : left),
      );
      const woken = new AbortController();
      await Promise.race([
        this.local.wait(seenLocal, wait, woken.signal),
        ...(this.listener ? [this.listener.wait(seen, wait, woken.signal)] : []),
      ]);
      woken.abort();
    }
  }
}

/** The position every one of them has reached: the lowest (undefined, the start of the log, if any is there). */
export function lowestPosition(positions: Iterable<Position | undefined>): Position | undefined {
  let lowest: Position | undefined;
  let first = true;
  for (const position of positions) {
    if (first || comparePositions(position, lowest) < 0) lowest = position;
    first = false;
  }
  return lowest;
}
