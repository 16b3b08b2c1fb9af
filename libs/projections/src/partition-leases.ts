import type { Queryable } from '@claimtrail/event-store';

export interface PartitionLeasesOptions {
  /** This worker's id in the lease tables: unique among the workers of one database. */
  owner: string;
  partitions: number;
  leaseSeconds: number;
}

/**
 * The projector workers' leases on partitions, in projector_leases, and their heartbeats, in projector_workers. A
 * lease is held until expires_at, read against the database's clock (now()), never a worker's: workers on machines
 * whose clocks disagree still agree on who holds what. Every change is one statement, so two workers racing for
 * a partition cannot both win it.
 */
export class PartitionLeases {
  constructor(
    private readonly db: Queryable,
    readonly options: PartitionLeasesOptions,
  ) {}

  get owner(): string {
    return this.options.owner;
  }

  /** Says this worker is alive for another lease period; resolves with the number of live workers, itself included. */
  async heartbeat(): Promise<number> {
    const { rows } = await this.db.query<{ others: number }>(
      `WITH beat AS (
         INSERT INTO projector_workers (owner, expires_at) VALUES ($1, now() + make_interval(secs => $2))
         ON CONFLICT (owner) DO UPDATE SET expires_at = EXCLUDED.expires_at),
       gone AS (DELETE FROM projector_workers WHERE expires_at <= now() AND owner <> $1)
       SELECT count(*)::int AS others FROM projector_workers WHERE expires_at > now() AND owner <> $1`,
      [this.owner, this.options.leaseSeconds],
    );
    return rows[0]!.others + 1;
  }

  /**
   * Extends every lease this worker still holds; resolves with their partitions. A lease that expired is still
   * renewed if nobody took it meanwhile: nobody else can have applied its events.
   */
  async renew(): Promise<number[]> {
    const { rows } = await this.db.query<{ partition: number }>(
      `UPDATE projector_leases SET expires_at = now() + make_interval(secs => $2)
       WHERE owner = $1 AND partition < $3 RETURNING partition`,
      [this.owner, this.options.leaseSeconds, this.options.partitions],
    );
    return rows.map((row) => row.partition).sort((a, b) => a - b);
  }

  /** Takes up to count partitions that nobody holds, or whose lease expired; resolves with those it got. */
  async take(count: number): Promise<number[]> {
    if (count <= 0) return [];
    // The ON CONFLICT condition is checked again on the row as it is when this statement gets to it: of two workers
    // taking the same expired lease, the second finds it renewed by the first and gets nothing.
    const { rows } = await this.db.query<{ partition: number }>(
      `INSERT INTO projector_leases (partition, owner, expires_at)
       SELECT p, $1, now() + make_interval(secs => $2) FROM generate_series(0, $3 - 1) AS p
       WHERE NOT EXISTS (SELECT 1 FROM projector_leases l WHERE l.partition = p AND l.expires_at > now())
       ORDER BY p LIMIT $4
       ON CONFLICT (partition) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
         WHERE projector_leases.expires_at <= now() OR projector_leases.owner = EXCLUDED.owner
       RETURNING partition`,
      [this.owner, this.options.leaseSeconds, this.options.partitions, count],
    );
    return rows.map((row) => row.partition).sort((a, b) => a - b);
  }

  /** Hands partitions back at once, for another worker to take on its next round. */
  async release(partitions: readonly number[]): Promise<void> {
    if (partitions.length === 0) return;
    await this.db.query('DELETE FROM projector_leases WHERE owner = $1 AND partition = ANY($2::int[])', [
      this.owner,
      partitions,
    ]);
  }

  /** Releases every lease and the heartbeat: a worker stopping cleanly leaves nothing to wait out. */
  async leave(): Promise<void> {
    await this.db.query(
      `WITH leases AS (DELETE FROM projector_leases WHERE owner = $1)
       DELETE FROM projector_workers WHERE owner = $1`,
      [this.owner],
    );
  }
}

/** The partitions each live worker holds, by worker; for the metrics, read in any process. */
export async function leaseHolders(db: Queryable): Promise<{ owner: string; partitions: number }[]> {
  const { rows } = await db.query<{ owner: string; partitions: number }>(
    `SELECT owner, count(*)::int AS partitions FROM projector_leases WHERE expires_at > now()
     GROUP BY owner ORDER BY owner`,
  );
  return rows;
}
