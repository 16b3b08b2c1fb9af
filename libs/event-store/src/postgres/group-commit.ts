import type pg from 'pg';

interface Pending<Row> {
  streamName: string;
  query: pg.QueryConfig;
  resolve(row: Row): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** Transactions committing at once; an append that finds them all busy joins the next group. */
  maxInFlight?: number;
  /** Appends in one transaction at most. */
  maxGroup?: number;
}

/**
 * Group commit: appends that arrive while the database is busy committing others wait and then commit together,
 * one transaction (one WAL flush) for the whole group, instead of each paying for its own. An append that finds a
 * transaction slot free goes at once, alone, so a lone writer waits for nobody.
 *
 * Each append keeps its own answer. A version conflict is a result of its statement, not an error, so it does not
 * disturb the group; later appends to the same stream see the earlier ones, exactly as if they had committed
 * first. If a statement does fail (a race with a writer outside the group, a deadlock, the connection), the group
 * rolls back and each append runs again on its own: event ids make a re-run of one that did commit idempotent.
 */
export class GroupCommit<Row> {
  private readonly queue: Pending<Row>[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxGroup: number;

  constructor(
    private readonly pool: pg.Pool,
    options: GroupCommitOptions = {},
  ) {
    // As many as the pool has connections: appends group only once every connection is busy committing.
    this.maxInFlight = options.maxInFlight ?? pool.options.max ?? 10;
    this.maxGroup = options.maxGroup ?? 64;
  }

  run(streamName: string, query: pg.QueryConfig): Promise<Row> {
    return new Promise<Row>((resolve, reject) => {
      this.queue.push({ streamName, query, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroup);
      this.inFlight++;
      void this.commit(group).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async commit(group: Pending<Row>[]): Promise<void> {
    if (group.length === 1) return this.alone(group[0]!);
    // One lock order for every group: two groups writing the same streams wait for each other, never deadlock.
    // The sort is stable, so appends to one stream keep their order.
    const ordered = [...group].sort((a, b) =>
      a.streamName < b.streamName ? -1 : a.streamName > b.streamName ? 1 : 0,
    );
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      for (const pending of group) pending.reject(error);
      return;
    }
    const rows: Row[] = [];
    let failed = false;
    let broken = false;
    try {
      await client.query('BEGIN');
      for (const pending of ordered) rows.push((await client.query(pending.query)).rows[0] as Row);
      await client.query('COMMIT');
    } catch {
      failed = true;
      broken = await client.query('ROLLBACK').then(
        () => false,
        () => true,
      );
    } finally {
      client.release(broken);
    }
    if (!failed) {
      ordered.forEach((pending, i) => pending.resolve(rows[i]!));
      return;
    }
    for (const pending of ordered) await this.alone(pending);
  }

  private async alone(pending: Pending<Row>): Promise<void> {
    try {
      pending.resolve((await this.pool.query(pending.query)).rows[0] as Row);
    } catch (error) {
      pending.reject(error);
    }
  }
}
