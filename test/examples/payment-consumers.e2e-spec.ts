import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBMITTED_AT } from '@claimtrail/claims/testing';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { CLAIM_MUTATIONS, claimMutation, submitClaimInput } from '../support/claim-inputs.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAYERS = ['MCRTX', 'BCBSX', 'AETNX'];
const DAYS = ['2026-05-26', '2026-05-27'];
const CLAIMS = 60;
const CLIENTS = 8;

interface Ledger {
  after: string | null;
  applied: number;
  totals: Record<string, Record<string, number>>;
}

/**
 * Runs the commands of `claims` claims from CLIENTS clients at once: each claim is submitted, paid on one of two
 * days and, one in three, reversed. Resolves once all are done; onProgress sees the share done.
 */
async function runCommands(api: TestApi, ids: string[], onProgress: (done: number) => void): Promise<void> {
  let done = 0;
  const send = async (name: string, input: Record<string, unknown>) => {
    const result = await api.gql(claimMutation(name), { input }, await api.as('load'));
    expect(result.errors).toBeUndefined();
  };
  const queue = [...ids.keys()];
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const claimId = ids[i]!;
        submitted.set(claimId, PAYERS[i % 3]!);
        await send(
          'submitClaim',
          submitClaimInput({ claimId, payerId: PAYERS[i % 3], occurredAt: SUBMITTED_AT }),
        );
        const paymentId = `PAY-${i}`;
        await send('recordPayment', {
          ...CLAIM_MUTATIONS.recordPayment!.input(),
          claimId,
          paymentId,
          paidDate: DAYS[i % 2],
        });
        if (i % 3 === 0)
          await send('reversePayment', { ...CLAIM_MUTATIONS.reversePayment!.input(), claimId, paymentId });
        onProgress(++done / ids.length);
      }
    }),
  );
}

/** Every claim the commands submitted, in every test, with its payer: the consumers read the whole log. */
const submitted = new Map<string, string>();

/** Payments per payer per day computed from every claim's whole history, independently of the examples. */
async function totalsFromTheLog(api: TestApi) {
  const query = `query H($id: ID!) { claimHistory(id: $id) { type position data } }`;
  const totals: Record<string, Record<string, number>> = {};
  let events = 0;
  let last = '';
  for (const [id, payer] of submitted) {
    const { data } = await api.gql(query, { id }, await api.as('test'));
    for (const event of data!.claimHistory as { type: string; position: string; data: any }[]) {
      const add = (day: string, cents: number) => {
        totals[payer] ??= {};
        totals[payer][day] = (totals[payer][day] ?? 0) + cents;
      };
      if (event.type === 'ClaimPaid') add(event.data.paidDate, event.data.paidCents);
      if (event.type === 'PaymentReversed') add(event.data.reversedOn, -event.data.paidCents);
      if (['ClaimSubmitted', 'ClaimPaid', 'PaymentReversed'].includes(event.type)) {
        events++;
        if (event.position > last) last = event.position;
      }
    }
  }
  return { totals, events, last };
}

const until = async (condition: () => boolean, ms: number, what: string) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

function readLedger(file: string): Ledger | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Ledger) : undefined;
}

/**
 * Starts the consumer, runs the commands, kills the consumer (its whole process group, as a supervisor's kill -9
 * would) while they run, starts it again, and checks its ledger against the log once it has caught up.
 */
async function survivesKill(api: TestApi, script: string, env: NodeJS.ProcessEnv): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'claimtrail-consumer-'));
  const file = join(dir, 'payments.json');
  const output: string[] = [];
  const start = (): ChildProcess => {
    const child = spawn(process.execPath, [script, file], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    return child;
  };
  const kill = async (child: ChildProcess) => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
  };
  const ids = Array.from(
    { length: CLAIMS },
    (_, i) => `PAYEX-${Math.random().toString(36).slice(2, 7)}-${i}`,
  );
  let consumer = start();
  let killedAt: Ledger | undefined;
  try {
    let killed: Promise<void> | undefined;
    await runCommands(api, ids, (share) => {
      if (share >= 0.4 && !killed)
        killed = kill(consumer).then(() => {
          killedAt = readLedger(file);
          consumer = start();
        });
    });
    await killed;
    const expected = await totalsFromTheLog(api);
    await until(
      () => (readLedger(file)?.applied ?? 0) >= expected.events,
      60_000,
      'the consumer to catch up',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ledger = readLedger(file)!;
    // It was killed midway, with work committed and work still to do.
    expect(killedAt?.applied ?? 0).toBeLessThan(expected.events);
    expect(ledger.applied).toBe(expected.events);
    expect(ledger.after).toBe(expected.last);
    expect(ledger.totals).toEqual(expected.totals);
    expect(readFileSync(file.replace(/\.json$/, '.csv'), 'utf8')).toContain('payer,day,paid_cents\n');
  } catch (error) {
    throw new Error(
      `${(error as Error).message} ${String((error as Error).cause ?? '')}\nconsumer output:\n${output.join('')}`,
    );
  } finally {
    await kill(consumer).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('example consumers', () => {
  let api: TestApi;
  beforeAll(async () => {
    if (process.env.DATABASE_URL)
      execFileSync('npx', ['tsc', '-b', 'apps/cli'], { cwd: ROOT, stdio: 'inherit' });
    api = await startTestApi();
  }, 180_000);
  afterAll(async () => api?.close());

  it('the subscription consumer, killed with SIGKILL midway and restarted, counts every payment exactly once', async () => {
    const token = (await api.as('payments-job', 'analyst')).authorization.slice('Bearer '.length);
    await survivesKill(api, 'examples/subscription-consumer/consumer.mjs', {
      CLAIMTRAIL_URL: api.url,
      CLAIMTRAIL_TOKEN: token,
    });
  }, 180_000);

  // The embedded database belongs to one process: the CLI can follow the API's writes only on PostgreSQL.
  (process.env.DATABASE_URL ? it : it.skip)(
    'the export consumer, killed with SIGKILL midway and restarted, counts every payment exactly once',
    async () => {
      await survivesKill(api, 'examples/export-consumer/consumer.mjs', { DATABASE_URL: api.databaseUrl });
    },
    240_000,
  );
});
