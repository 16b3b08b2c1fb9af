import { poolOf } from '@claimtrail/database';
import type { DataSource } from 'typeorm';
import { LeasedPartitions } from './leased-partitions.js';
import { leaseHolders, PartitionLeases } from './partition-leases.js';
import { openProjectionDatabase, type ProjectionDatabase } from './testing/projection-database.js';

const PARTITIONS = 4;

/** A worker whose partitions' work only records that it runs, until stopped. */
function worker(dataSource: DataSource, owner: string, leaseSeconds = 60) {
  const leases = new PartitionLeases(poolOf(dataSource), { owner, partitions: PARTITIONS, leaseSeconds });
  const running = new Set<number>();
  const partitions = new LeasedPartitions(leases, {
    work: async (partition, signal) => {
      running.add(partition);
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      running.delete(partition);
    },
  });
  return { leases, partitions, running: () => [...running].sort() };
}

describe('partition leases held against the database clock', () => {
  let opened: ProjectionDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    opened = await openProjectionDatabase();
    ({ dataSource } = opened);
  });
  afterAll(async () => opened?.close());
  beforeEach(async () => {
    await dataSource.query('TRUNCATE projector_leases, projector_workers');
  });

  /** As if the database clock had passed the owner's leases and heartbeat: nothing here reads a process clock. */
  const expire = (owner: string) =>
    dataSource.query(
      `WITH leases AS (UPDATE projector_leases SET expires_at = now() - interval '1 second' WHERE owner = $1)
       UPDATE projector_workers SET expires_at = now() - interval '1 second' WHERE owner = $1`,
      [owner],
    );

  it('gives a lone worker every partition, and shares them fairly once a second worker joins', async () => {
    const a = worker(dataSource, 'a');
    const b = worker(dataSource, 'b');
    await a.partitions.round();
    expect(a.running()).toEqual([0, 1, 2, 3]);

    await b.partitions.round(); // b announces itself; everything is held
    expect(b.running()).toEqual([]);
    await a.partitions.round(); // a sees two workers: stops its surplus, then hands it back
    expect(a.running()).toEqual([0, 1]);
    await b.partitions.round();
    expect(b.running()).toEqual([2, 3]);
    expect(await leaseHolders(poolOf(dataSource))).toEqual([
      { owner: 'a', partitions: 2 },
      { owner: 'b', partitions: 2 },
    ]);
    await a.partitions.round();
    await b.partitions.round();
    expect([a.running(), b.running()]).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('renews the leases a worker holds, even expired ones nobody took, so nobody else may take them', async () => {
    const a = worker(dataSource, 'a');
    const b = worker(dataSource, 'b');
    await a.partitions.round();
    await expire('a');
    expect(await a.leases.renew()).toEqual([0, 1, 2, 3]);
    const [{ held }] = await dataSource.query(
      `SELECT bool_and(expires_at > now() + interval '30 seconds') AS held FROM projector_leases WHERE owner = 'a'`,
    );
    expect(held).toBe(true);
    expect(await b.leases.take(PARTITIONS)).toEqual([]);
  });

  it('hands a dead worker’s partitions to the survivor once its leases expire by the database clock', async () => {
    const a = worker(dataSource, 'a', 1);
    const b = worker(dataSource, 'b');
    await a.partitions.round();
    await b.partitions.round();
    await a.partitions.round();
    await b.partitions.round();
    expect(b.running()).toEqual([2, 3]);

    // a stops renewing (killed). Its one-second leases run out on the database's clock.
    for (;;) {
      const [{ expired }] = await dataSource.query(
        `SELECT bool_and(expires_at <= now()) AS expired FROM projector_leases WHERE owner = 'a'`,
      );
      if (expired) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await b.partitions.round();
    expect(b.running()).toEqual([0, 1, 2, 3]);

    // a was only stalled: its next round finds its partitions taken and stops their work.
    await a.partitions.round();
    expect(a.running()).toEqual([]);
    expect(await leaseHolders(poolOf(dataSource))).toEqual([{ owner: 'b', partitions: 4 }]);
  });

  it('lets only one of two workers take a free or expired partition', async () => {
    const a = worker(dataSource, 'a');
    await a.leases.take(PARTITIONS);
    await expire('a');
    const takers = ['b', 'c', 'd'].map((owner) => worker(dataSource, owner).leases);
    const taken = await Promise.all(takers.map((leases) => leases.take(PARTITIONS)));
    expect(taken.flat().sort()).toEqual([0, 1, 2, 3]);
    expect(await a.leases.renew()).toEqual([]);
  });

  it('releases every lease at once when a worker stops, for the others to take at their next round', async () => {
    const controller = new AbortController();
    const a = worker(dataSource, 'a');
    const b = worker(dataSource, 'b');
    const running = a.partitions.run(controller.signal);
    while (a.running().length < PARTITIONS) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await running;
    expect(a.running()).toEqual([]);
    expect(await leaseHolders(poolOf(dataSource))).toEqual([]);
    await b.partitions.round();
    expect(b.running()).toEqual([0, 1, 2, 3]);
  });

  it('counts live workers by their heartbeats and forgets the expired ones', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((owner) => worker(dataSource, owner).leases);
    await a!.heartbeat();
    await b!.heartbeat();
    expect(await c!.heartbeat()).toBe(3);
    await expire('b');
    expect(await a!.heartbeat()).toBe(2);
    const owners: { owner: string }[] = await dataSource.query(
      'SELECT owner FROM projector_workers ORDER BY 1',
    );
    expect(owners.map((row) => row.owner)).toEqual(['a', 'c']);
  });
});
