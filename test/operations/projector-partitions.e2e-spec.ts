import { createTestDatabase, type ResolvedDatabase } from '@claimtrail/database';
import pg from 'pg';
import {
  buildApi,
  startApiProcess,
  startProjectorProcess,
  type ApiProcess,
  type AppProcess,
} from '../support/api-process.js';
import { submitClaimInput } from '../support/claim-inputs.js';
import { gql, mutation, randomCommand } from '../support/random-commands.js';
import { dumpReadModels, until } from '../support/read-models.js';

const PARTITIONS = 4;
const CLIENTS = 8;
const CLAIMS = 200;
const PROJECTIONS = `{ projections { name caughtUp rebuild { eventsApplied } } }`;

// Two worker processes need one database both can open: the embedded one belongs to a single process.
(process.env.DATABASE_URL ? describe : describe.skip)(
  'two projector workers sharing the partitions of one PostgreSQL database (needs DATABASE_URL)',
  () => {
    let database: ResolvedDatabase;
    let admin: pg.Client;
    let api: ApiProcess | undefined;
    const workers: AppProcess[] = [];

    beforeAll(async () => {
      buildApi('projector');
      database = await createTestDatabase();
      admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
    }, 180_000);
    afterAll(async () => {
      for (const running of [api, ...workers]) running?.child.kill('SIGKILL');
      await Promise.all([api, ...workers].map((running) => running?.exited));
      await admin?.end();
      await database?.close();
    });

    /** Who holds a live lease on which partitions, by the worker's process id. */
    const holders = async (): Promise<Map<number, number[]>> => {
      const { rows } = await admin.query<{ owner: string; partition: number }>(
        'SELECT owner, partition FROM projector_leases WHERE expires_at > now() ORDER BY partition',
      );
      const byPid = new Map<number, number[]>();
      for (const { owner, partition } of rows) {
        const pid = Number(owner.split(':')[1]);
        byPid.set(pid, [...(byPid.get(pid) ?? []), partition]);
      }
      return byPid;
    };
    const logLength = async () => Number((await admin.query('SELECT count(*) AS n FROM events')).rows[0].n);
    const appliedByProjection = async () => {
      const { rows } = await admin.query<{ name: string; applied: string }>(
        'SELECT name, sum(events_applied) AS applied FROM projection_checkpoints GROUP BY name ORDER BY name',
      );
      return Object.fromEntries(rows.map((row) => [row.name, Number(row.applied)]));
    };
    const projections = async () => {
      const { data, errors } = await gql(api!.url, PROJECTIONS);
      expect(errors).toBeUndefined();
      return data.projections as { name: string; caughtUp: boolean; rebuild: unknown }[];
    };

    it('apply every event once between them, hand a killed worker’s partitions to the other, and end equal to a replay', async () => {
      const env = {
        DATABASE_URL: database.url,
        PROJECTOR_PARTITIONS: String(PARTITIONS),
        PROJECTOR_LEASE_SECONDS: '2',
      };
      api = await startApiProcess({ ...env, PROJECTOR_IN_PROCESS: 'false' });
      workers.push(await startProjectorProcess(env), await startProjectorProcess(env));
      const current = api;

      const pool: string[] = [];
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let i = 0; i < CLAIMS / CLIENTS; i++) {
            const input = submitClaimInput({ commandId: `submit-${c}-${i}` });
            const { errors } = await gql(current.url, mutation('submitClaim'), { input });
            expect(errors).toBeUndefined();
            pool.push(input.claimId);
          }
        }),
      );
      let loading = true;
      let sent = 0;
      const load = Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let i = 0; loading; i++, sent++) {
            const command = randomCommand(pool, `load-${c}-${i}`);
            const result = await gql(current.url, mutation(command.name), { input: command.input });
            if (!result.errors && command.name === 'submitClaim') pool.push(command.input.claimId);
            for (const error of result.errors ?? [])
              expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
          }
        }),
      );

      // Both workers hold and run a fair share while the load goes on.
      const pids = workers.map((worker) => worker.child.pid!);
      await until(async () => {
        const held = await holders();
        return pids.every((pid) => held.get(pid)?.length === PARTITIONS / 2);
      });
      await until(async () => Object.values(await appliedByProjection()).every((n) => n > CLAIMS));
      const metrics = await (await fetch(api.url.replace(/\/graphql$/, '/metrics'))).text();
      const owned = [
        ...metrics.matchAll(/^claimtrail_projector_partitions_owned\{worker="[^"]+:(\d+):\w+"\} (\d+)$/gm),
      ];
      expect(owned.map(([, pid, partitions]) => [Number(pid), Number(partitions)]).sort()).toEqual(
        pids.map((pid) => [pid, PARTITIONS / 2]).sort(),
      );

      // The holder of partition 0 (which also seals the log) dies mid-load; the other takes everything over.
      const held = await holders();
      const victim = workers.find((worker) => held.get(worker.child.pid!)?.includes(0))!;
      const survivor = workers.find((worker) => worker !== victim)!;
      victim.child.kill('SIGKILL');
      await victim.exited;
      await until(async () => (await holders()).get(survivor.child.pid!)?.length === PARTITIONS);
      const sentAtHandover = sent;
      while (sent < sentAtHandover + 200) await new Promise((resolve) => setTimeout(resolve, 20));
      loading = false;
      await load;

      await until(async () => (await projections()).every((p) => p.caughtUp));
      const events = await logLength();
      expect(await appliedByProjection()).toEqual({
        ar_analytics: events,
        claim_summaries: events,
        remittances: events,
        worklist: events,
      });
      await until(
        async () => Number((await admin.query('SELECT count(*) AS n FROM log_seals')).rows[0].n) === events,
      );
      expect(survivor.output()).toMatch(/Holding 4 of 4 partition/);
      for (const worker of workers) expect(worker.output()).not.toMatch(/"level":(50|60)/);
      const shared = await dumpReadModels(database);
      expect(shared.claim_summaries!.length).toBeGreaterThanOrEqual(CLAIMS);

      // One process replays the whole log into fresh tables, unpartitioned: the same rows, row for row.
      for (const { name } of await projections()) {
        const { errors } = await gql(
          api.url,
          `mutation R($name: String!) { rebuildProjection(name: $name) { name } }`,
          { name },
        );
        expect(errors).toBeUndefined();
      }
      await until(async () => (await projections()).every((p) => p.rebuild === null && p.caughtUp), 120_000);
      expect(await dumpReadModels(database)).toEqual(shared);
      expect(Object.values(await appliedByProjection())).toEqual([events, events, events, events]);

      // Stopped cleanly, a worker hands back its leases and heartbeat at once rather than letting them run out.
      survivor.child.kill('SIGTERM');
      await survivor.exited;
      expect(survivor.output()).not.toMatch(/"level":(50|60)/);
      const left = await admin.query(
        `SELECT (SELECT count(*) FROM projector_leases)::int AS leases,
           (SELECT count(*) FROM projector_workers WHERE owner LIKE $1)::int AS heartbeats`,
        [`%:${survivor.child.pid}:%`],
      );
      expect(left.rows[0]).toEqual({ leases: 0, heartbeats: 0 });
    }, 300_000);
  },
);
