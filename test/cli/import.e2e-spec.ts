import { fileURLToPath } from 'node:url';
import { processDatabase } from '../support/database-kinds.js';
import { buildApi, runCli, startApiProcess } from '../support/api-process.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';
import { bearer } from '../support/test-tokens.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/x12/835-single-claim-payment.835', import.meta.url));

// `claimtrail import 835 <file>` as a user runs it: the built CLI on the data the API wrote (a fresh PostgreSQL
// database with DATABASE_URL, else an embedded data directory, which one process holds at a time).
describe('npm run -s cli -- import 835 <file>', () => {
  let database: Awaited<ReturnType<typeof processDatabase>> | undefined;
  let env: NodeJS.ProcessEnv;

  const cli = (...args: string[]) => runCli(env, ...args);

  beforeAll(async () => {
    buildApi('cli');
    database = await processDatabase();
    env = database.env;
  }, 240_000);

  afterAll(async () => {
    await database?.dispose();
  });

  it('posts nothing for a claim the practice never billed, names it and exits 1', async () => {
    const failed = await cli('import', '835', FIXTURE).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1 });
    const report = JSON.parse((failed as { stdout: string }).stdout);
    expect(report).toMatchObject({ posted: false, problems: [{ rule: 'UNKNOWN_CLAIM', segment: 'CLP' }] });
    expect((failed as { stderr: string }).stderr).toMatch(/Nothing was posted/);
  }, 60_000);

  it('posts the remittance on the billed claim, then says a second import posted nothing new', async () => {
    const api = await startApiProcess({ ...env, PROJECTOR_IN_PROCESS: 'false' });
    const input = submitClaimInput({
      claimId: 'PCN-0001',
      lines: [18_000, 7_000].map((chargeCents) => ({
        procedureCode: '99213',
        modifiers: [],
        units: 1,
        chargeCents,
        diagnosisPointers: [1],
        serviceDate: '2025-03-01',
      })),
      occurredAt: '2025-03-02T12:00:00.000Z',
    });
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await bearer()) },
      body: JSON.stringify({ query: SUBMIT_CLAIM, variables: { input } }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    api.child.kill('SIGTERM');
    await api.exited;

    const first = JSON.parse((await cli('import', '835', FIXTURE)).stdout);
    expect(first).toMatchObject({ posted: true, counts: { posted: 1 } });
    const again = await cli('import', '835', FIXTURE);
    expect(JSON.parse(again.stdout)).toMatchObject({ posted: false, alreadyImported: true });
    expect(again.stderr).toMatch(/Already imported/);
    const state = JSON.parse((await cli('replay', 'PCN-0001')).stdout).state;
    expect(state).toMatchObject({ status: 'PAID', money: { paidCents: 16_000, contractualCents: 5_000 } });
  }, 120_000);
});
