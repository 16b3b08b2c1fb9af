import { createTestDatabase, type ResolvedDatabase } from '@claimtrail/database';
import type { RecordedEvent } from '@claimtrail/event-store';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApi, startApiProcess, type ApiProcess } from '../support/api-process.js';
import { submitClaimInput } from '../support/claim-inputs.js';
import { expectServedAsFolded } from '../support/folded-claim.js';
import { gql, mutation, randomCommand, type Command } from '../support/random-commands.js';

const CLIENTS = 50;
const KILL_AFTER_ACKNOWLEDGED = 400;

const kinds: [string, () => Promise<{ env: NodeJS.ProcessEnv; dispose: () => Promise<void> }>][] = [
  [
    'the embedded database',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ct-crash-'));
      return {
        env: { CLAIMTRAIL_DATA_DIR: join(dir, 'pgdata') },
        dispose: () => rm(dir, { recursive: true, force: true }),
      };
    },
  ],
];
if (process.env.DATABASE_URL) {
  kinds.unshift([
    'PostgreSQL',
    async () => {
      const database: ResolvedDatabase = await createTestDatabase();
      return { env: { DATABASE_URL: database.url }, dispose: () => database.close() };
    },
  ]);
}

describe.each(kinds)('%s under load, killed with SIGKILL and restarted', (_kind, open) => {
  let api: ApiProcess | undefined;
  let dispose: () => Promise<void> = async () => {};
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    buildApi();
    ({ env, dispose } = await open());
    env.READ_YOUR_WRITES_TIMEOUT_MS = '30000';
  }, 180_000);
  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await api?.exited;
    await dispose();
  });

  it('keeps every acknowledged command exactly once and read models equal to a replay of the log', async () => {
    api = await startApiProcess(env);
    const pool: string[] = [];
    for (let i = 0; i < 12; i++) {
      const input = submitClaimInput({ commandId: `seed-${i}` });
      expect((await gql(api.url, mutation('submitClaim'), { input })).errors).toBeUndefined();
      pool.push(input.claimId);
    }

    const acknowledged = new Map<string, Command>();
    const inDoubt = new Map<string, Command>();
    let refused = 0;
    let killed = false;
    const current = api;
    const client = async (c: number) => {
      for (let i = 0; !killed; i++) {
        const command = randomCommand(pool, `load-${c}-${i}`);
        try {
          const result = await gql(current.url, mutation(command.name), { input: command.input });
          if (!result.errors) {
            acknowledged.set(command.input.commandId, command);
            if (command.name === 'submitClaim') pool.push(command.input.claimId);
          } else if (result.errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
            throw new Error(`Internal error on ${command.name}`);
          } else refused++;
        } catch (error) {
          if ((error as Error).message.startsWith('Internal')) throw error;
          inDoubt.set(command.input.commandId, command);
          if (command.name === 'submitClaim') pool.push(command.input.claimId);
        }
      }
    };
    const running = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    while (acknowledged.size < KILL_AFTER_ACKNOWLEDGED) await new Promise((r) => setTimeout(r, 20));
    current.child.kill('SIGKILL');
    await current.exited;
    killed = true;
    await running;
    expect(refused).toBeGreaterThan(0);

    api = await startApiProcess(env);
    // A command whose answer was lost in the crash is sent again with its commandId: it applies at most once.
    for (const [commandId, command] of inDoubt) {
      const result = await gql(api.url, mutation(command.name), { input: command.input });
      if (!result.errors) acknowledged.set(commandId, command);
      else expect(result.errors[0]!.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    }

    const health = (await (await fetch(api.url.replace('/graphql', '/health'))).json()) as any;
    const head = health.details.eventStore.headPosition as string;
    const seen = new Map<string, number>();
    for (const claimId of new Set(pool)) {
      const history = await gql(
        api.url,
        `query H($id: ID!) { claimHistory(id: $id) { type version position schemaVersion data recordedAt metadata { actor occurredAt commandId } } }`,
        { id: claimId },
      );
      if (history.errors?.[0]?.extensions?.code === 'NOT_FOUND') continue;
      const events = history.data.claimHistory as RecordedEvent[];
      for (const event of events) {
        const commandId = event.metadata.commandId!;
        seen.set(commandId, (seen.get(commandId) ?? 0) + 1);
      }
      await expectServedAsFolded(api.url, claimId, events, head);
    }
    for (const commandId of acknowledged.keys())
      expect([commandId, seen.get(commandId)]).toEqual([commandId, 1]);
    for (const [commandId, count] of seen) expect([commandId, count]).toEqual([commandId, 1]);
  }, 180_000);
});
