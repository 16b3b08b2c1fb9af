import type { EventStore, Position } from '@claimtrail/event-store';
import type { DataSource } from 'typeorm';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { createShadowTables, dropSchema, quoteIdentifier, swapInShadowTables } from './shadow-tables.js';

export type RebuildErrorReason = 'UNKNOWN_PROJECTION' | 'REBUILD_IN_PROGRESS';

export class ProjectionRebuildError extends Error {
  constructor(
    readonly reason: RebuildErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'ProjectionRebuildError';
  }
}

export interface RebuildProgress {
  projection: string;
  eventsApplied: number;
  /** The events the live projection had applied when the rebuild started: the size of the job, for an ETA. */
  eventsExpected: number;
  eventsPerSecond: number;
  /** Seconds left at the current rate, when the size of the job is known. */
  etaSeconds: number | undefined;
}

export interface RebuildOutcome {
  projection: string;
  eventsApplied: number;
  seconds: number;
  /** The position the fresh tables had reached when they replaced the live ones. */
  position: Position | undefined;
}

export interface RebuildTarget {
  projection: Projection;
  /** The tables the projection writes (its read model's entities), all in schema public. */
  tables: readonly string[];
}

export interface RebuilderOptions {
  batchSize?: number;
  /** A rebuild whose process stopped sending heartbeats this long ago is abandoned and may be taken over. */
  staleAfterSeconds?: number;
  /** How long the swap may wait for the live runner and readers before trying again. */
  lockTimeoutMs?: number;
}

const SWAP_ATTEMPTS = 20;

/**
 * Rebuilds a projection without downtime: replays the whole log into empty copies of its tables in a schema of
 * their own (the live projection and every query keep using the live tables meanwhile), then, once caught up,
 * swaps the fresh tables in and hands their checkpoint to the live runner in one transaction. A rebuild that
 * crashes leaves the live tables untouched; the next one starts over.
 */
export class ProjectionRebuilder {
  private readonly staleAfterSeconds: number;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly targets: readonly RebuildTarget[],
    private readonly options: RebuilderOptions = {},
  ) {
    this.staleAfterSeconds = options.staleAfterSeconds ?? 30;
  }

  names(): string[] {
    return this.targets.map((target) => target.projection.name);
  }

  /** Refuses an unknown name or a rebuild already under way, then rebuilds; throws if the rebuild fails. */
  async rebuild(
    name: string,
    onProgress?: (progress: RebuildProgress) => void,
    signal?: AbortSignal,
  ): Promise<RebuildOutcome> {
    return this.finish(await this.claim(name), onProgress, signal);
  }

  /**
   * Claims the rebuild (refusing as rebuild does), then runs it in the background; the promise settles with it.
   * For the API, which answers the request at once.
   */
  async start(
    name: string,
    onProgress?: (progress: RebuildProgress) => void,
    signal?: AbortSignal,
  ): Promise<{ done: Promise<RebuildOutcome> }> {
    const claimed = await this.claim(name);
    return { done: this.finish(claimed, onProgress, signal) };
  }

  private async claim(name: string): Promise<{ target: RebuildTarget; expected: number }> {
    const target = this.targets.find((t) => t.projection.name === name);
    if (!target)
      throw new ProjectionRebuildError(
        'UNKNOWN_PROJECTION',
        `No projection by that name; the projections are ${this.names().join(', ')}`,
      );
    const [live] = await this.dataSource.query(
      'SELECT sum(events_applied) AS events_applied FROM projection_checkpoints WHERE name = $1',
      [name],
    );
    const expected = Number(live?.events_applied ?? 0);
    const claimed = await this.dataSource.query(
      `INSERT INTO projection_rebuilds (name, events_expected) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE
         SET started_at = now(), heartbeat_at = now(), events_applied = 0, events_expected = $2
         WHERE projection_rebuilds.heartbeat_at < now() - make_interval(secs => $3)
       RETURNING name`,
      [name, expected, this.staleAfterSeconds],
    );
    if (claimed.length === 0)
      throw new ProjectionRebuildError(
        'REBUILD_IN_PROGRESS',
        `A rebuild of ${name} is already under way; if its process is gone, it can be started again ${this.staleAfterSeconds} s after its last heartbeat`,
      );
    return { target, expected };
  }

  private async finish(
    { target, expected }: { target: RebuildTarget; expected: number },
    onProgress?: (progress: RebuildProgress) => void,
    signal?: AbortSignal,
  ): Promise<RebuildOutcome> {
    const name = target.projection.name;
    const shadow = `rebuild_${name}`;
    const retired = `retired_${name}`;
    const started = performance.now();
    try {
      await this.dataSource.transaction((manager) => createShadowTables(manager, shadow, target.tables));
      const runner = new ProjectionRunner(this.store, this.dataSource, target.projection, {
        batchSize: this.options.batchSize,
        schema: shadow,
      });
      let applied = 0;
      const heartbeat = async (total: number) => {
        applied = total;
        const seconds = (performance.now() - started) / 1000;
        const eventsPerSecond = seconds > 0 ? total / seconds : 0;
        onProgress?.({
          projection: name,
          eventsApplied: total,
          eventsExpected: expected,
          eventsPerSecond,
          etaSeconds:
            expected > total && eventsPerSecond > 0 ? (expected - total) / eventsPerSecond : undefined,
        });
        await this.dataSource.query(
          'UPDATE projection_rebuilds SET heartbeat_at = now(), events_applied = $2 WHERE name = $1',
          [name, total],
        );
      };
      await runner.catchUp(heartbeat, signal);
      // The replay rewrote each claim's rows once per event: clear the dead versions and give the planner
      // statistics before queries see the tables (autovacuum would get there, later and under load).
      for (const table of target.tables)
        await this.dataSource.query(`VACUUM (ANALYZE) ${quoteIdentifier(shadow)}.${quoteIdentifier(table)}`);
      const position = await this.swap(runner, target, shadow, retired, applied, heartbeat, signal);
      await this.dataSource.query('DELETE FROM projection_rebuilds WHERE name = $1', [name]);
      await dropSchema(this.dataSource, retired);
      return {
        projection: name,
        eventsApplied: applied,
        seconds: (performance.now() - started) / 1000,
        position,
      };
    } catch (error) {
      await this.abandon(name, shadow).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Catches the fresh tables up once more, then swaps them in. The live runner may be ahead or behind: it
   * finds its checkpoint moved and carries on from the fresh tables' one.
   */
  private async swap(
    runner: ProjectionRunner,
    target: RebuildTarget,
    shadow: string,
    retired: string,
    applied: number,
    heartbeat: (total: number) => Promise<void>,
    signal?: AbortSignal,
  ): Promise<Position | undefined> {
    const name = target.projection.name;
    let total = applied;
    for (let attempt = 0; ; attempt++) {
      total += await runner.catchUp(async (more) => heartbeat(total + more), signal);
      try {
        return await this.dataSource.transaction(async (manager) => {
          await manager.query(`SET LOCAL lock_timeout = ${Math.round(this.options.lockTimeoutMs ?? 5000)}`);
          await manager.query('SELECT 1 FROM projection_checkpoints WHERE name = $1 FOR UPDATE', [name]);
          const [fresh] = await manager.query(
            `SELECT position, events_applied FROM "${shadow}".projection_checkpoints WHERE name = $1`,
            [name],
          );
          await swapInShadowTables(manager, shadow, retired, target.tables);
          // The fresh tables hold every partition's streams up to one position: each partition goes on from it.
          await manager.query(
            `UPDATE projection_checkpoints
             SET position = $2, events_applied = CASE WHEN partition = 0 THEN $3::bigint ELSE 0 END,
               updated_at = now(), last_error = NULL
             WHERE name = $1`,
            [name, fresh?.position ?? null, fresh?.events_applied ?? 0],
          );
          await manager.query('DELETE FROM projection_quarantine WHERE projection = $1', [name]);
          await manager.query(
            `INSERT INTO projection_quarantine SELECT * FROM "${shadow}".projection_quarantine WHERE projection = $1`,
            [name],
          );
          await manager.query(`DROP SCHEMA "${shadow}" CASCADE`);
          return (fresh?.position ?? undefined) as Position | undefined;
        });
      } catch (error) {
        // 55P03: the lock wait timed out (a long query or the live batch); catch up again and retry.
        if ((error as { code?: string }).code !== '55P03' || attempt >= SWAP_ATTEMPTS) throw error;
      }
    }
  }

  private async abandon(name: string, shadow: string): Promise<void> {
    await dropSchema(this.dataSource, shadow);
    await this.dataSource.query('DELETE FROM projection_rebuilds WHERE name = $1', [name]);
  }
}
