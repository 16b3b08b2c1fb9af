import { bookEvents, generateBook } from '@claimtrail/seed';
import { processDatabase } from '../support/database-kinds.js';
import { buildApi, runCli, startApiProcess, type ApiProcess } from '../support/api-process.js';
import { bearer } from '../support/test-tokens.js';

// `claimtrail seed` as a user runs it: the built CLI in its own process, on a fresh PostgreSQL database when
// DATABASE_URL is set, else on an embedded data directory; then the API on the same data answers the AR reports.
describe('npm run -s cli -- seed --claims 50 --seed 7', () => {
  let database: Awaited<ReturnType<typeof processDatabase>> | undefined;
  let env: NodeJS.ProcessEnv;
  let summary: { claims: number; events: number; seconds: number; seed: number; today: string };
  let api: ApiProcess | undefined;

  const cli = (...args: string[]) => runCli(env, ...args);

  const gql = async (query: string) => {
    const response = await fetch(api!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await bearer()) },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  beforeAll(async () => {
    buildApi('cli');
    database = await processDatabase();
    env = database.env;
    const { stdout } = await cli('seed', '--claims', '50', '--seed', '7');
    summary = JSON.parse(stdout);
  }, 240_000);

  afterAll(async () => {
    api?.child.kill('SIGTERM');
    await api?.exited;
    await database?.dispose();
  });

  it('prints a one-line summary of what it wrote', () => {
    expect(summary).toEqual({
      claims: 50,
      events: expect.any(Number),
      seconds: expect.any(Number),
      seed: 7,
      today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(summary.events).toBeGreaterThan(150);
  });

  it('stored, through the command path, exactly the events bookEvents decides for the same book', async () => {
    const { stdout } = await cli('export');
    const stored = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(stored).toHaveLength(summary.events);
    const book = generateBook({ claims: 50, seed: 7, today: summary.today });
    const expected = [...book].flatMap(bookEvents);
    const shape = (e: {
      streamName: string;
      version: number;
      type: string;
      data: unknown;
      occurredAt: string;
    }) => [e.streamName, e.version, e.type, e.data, e.occurredAt] as const;
    const byStream = (
      a: readonly [string, number, ...unknown[]],
      b: readonly [string, number, ...unknown[]],
    ) => a[0].localeCompare(b[0]) || a[1] - b[1];
    const ofPayers = stored.filter((e) => e.streamName.startsWith('payer-'));
    expect(
      stored
        .filter((e) => !ofPayers.includes(e))
        .map((e) => shape({ ...e, version: Number(e.version), occurredAt: e.metadata.occurredAt }))
        .sort(byStream),
    ).toEqual(expected.map(shape).sort(byStream));
    // Each payer created once, as version 1: the rule version every claim of the book records.
    expect(
      ofPayers.map((e) => [e.streamName, Number(e.version), e.type, e.data.version, e.data.before]).sort(),
    ).toEqual(book.payers.map((p) => [`payer-${p.payerId}`, 0, 'PayerRulesChanged', 1, null]).sort());
    expect(new Set(stored.map((e) => e.metadata.actor))).toEqual(new Set(['claimtrail-seed']));
  });

  it('writes nothing twice when the same book is seeded again', async () => {
    const again = JSON.parse((await cli('seed', '--claims', '50', '--seed', '7')).stdout);
    expect(again.events).toBe(summary.events);
    const { stdout } = await cli('export');
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(summary.events);
  }, 60_000);

  it('refuses a size that is not a whole number, with the usage exit code', async () => {
    await expect(cli('seed', '--claims', 'many')).rejects.toMatchObject({ code: 2 });
  });

  it('fills the claims list and the AR reports once the projections caught up', async () => {
    const { stderr } = await cli('projections', 'catch-up');
    expect(stderr).toMatch(/applied \d+ events/);
    api = await startApiProcess({ ...env, PROJECTOR_IN_PROCESS: 'false' });
    const to = summary.today;
    const from = `${Number(to.slice(0, 4)) - 2}${to.slice(4)}`;
    const data = await gql(`{
      claims(first: 1) { totalCount }
      payers { payerId }
      agingReport { groups { key total { claims insuranceCents } } total { total { claims totalCents } } }
      denialTrends(from: "${from}", to: "${to}") { payerId reason denials deniedCents }
      worklist(first: 50) { totalCount edges { node { claimId reason atStakeCents } } }
    }`);
    expect(data.claims.totalCount).toBe(50);
    expect(data.payers.length).toBeGreaterThanOrEqual(30);
    expect(data.agingReport.total.total.claims).toBeGreaterThan(0);
    expect(data.agingReport.total.total.totalCents).toBeGreaterThan(0);
    expect(data.agingReport.groups.length).toBeGreaterThan(1);
    expect(data.denialTrends.length).toBeGreaterThan(0);
    expect(data.denialTrends.every((row: { denials: number }) => row.denials > 0)).toBe(true);
    expect(data.worklist.totalCount).toBeGreaterThan(0);
    expect(new Set(data.worklist.edges.map((e: any) => e.node.reason)).size).toBeGreaterThan(1);
  }, 120_000);
});
