import type { PhiAccessRecord } from '@claimtrail/audit';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';
import { wsClient } from '../support/event-subscriber.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Stands for patient data: the patient reference of every claim here, which no log line may carry.
const MARKER = 'ZqPHI7Marker';

const LOG = `query Log($claimId: ID, $actor: String, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  phiAccessLog(claimId: $claimId, actor: $actor, from: $from, to: $to, first: $first, after: $after) {
    edges { cursor node { id accessedAt actor claimId operation operationName channel fields requestId } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** A stored record as the test compares it: the time as ISO text, no id. */
type Entry = Omit<PhiAccessRecord, 'id' | 'accessedAt'> & { accessedAt: string };

describe('PHI access log', () => {
  let api: TestApi;
  const start = Date.now();
  let now = new Date(start);
  const lines: string[] = [];
  const claimIds: string[] = [];
  let requests = 0;

  beforeAll(async () => {
    let position = '';
    api = await startTestApi({ LOG_LEVEL: 'debug' }, undefined, {
      clock: { now: () => now },
      logDestination: { write: (line: string) => void lines.push(...line.split('\n').filter(Boolean)) },
    });
    for (let i = 0; i < 3; i++) {
      const input = submitClaimInput({ patientRef: `PT-${MARKER}-${i}` });
      const result = await api.gql(SUBMIT_CLAIM, { input }, await api.as('biller-1'));
      expect(result.errors).toBeUndefined();
      claimIds.push(input.claimId);
      position = result.data!.submitClaim.position;
    }
    // Every case reads the claims read model: wait until it holds them (no patient field read, so nothing logged).
    const ready = await api.gql(
      'query Ready($at: String) { claims(first: 1, atLeastPosition: $at) { edges { node { id } } } }',
      { at: position },
      await api.as('setup'),
    );
    expect(ready.errors).toBeUndefined();
  });
  afterAll(async () => api?.close());

  /** Reads as `actor` at a clock time of its own; returns the request id and that time. */
  async function read(actor: string, query: string, variables: Record<string, unknown> = {}) {
    now = new Date(start + 3_600_000 + ++requests * 60_000);
    const requestId = `phi-${requests}`;
    const result = await api.gql(query, variables, { ...(await api.as(actor)), 'x-request-id': requestId });
    return { result, requestId, at: now.toISOString() };
  }

  /** Every entry recorded for this actor, read straight from the table (so the reading is not recorded). */
  async function entriesOf(actor: string): Promise<Entry[]> {
    const rows = await api.app
      .get(DataSource)
      .query(
        'SELECT accessed_at, actor, claim_id, operation, operation_name, channel, fields, request_id FROM phi_access_log WHERE actor = $1 ORDER BY id',
        [actor],
      );
    return rows.map((row: Record<string, any>) => ({
      accessedAt: new Date(row.accessed_at).toISOString(),
      actor: row.actor,
      claimId: row.claim_id,
      operation: row.operation,
      operationName: row.operation_name,
      channel: row.channel,
      fields: row.fields,
      requestId: row.request_id,
    }));
  }

  const [a, b] = [0, 1];
  const cases: {
    name: string;
    query: (ids: string[]) => string;
    expected: (ids: string[]) => { claimId: string; operation: string; fields: string[] }[];
  }[] = [
    {
      name: 'claim',
      query: (ids) => `query One { claim(id: "${ids[a]}") { id patientRef status } }`,
      expected: (ids) => [{ claimId: ids[a]!, operation: 'claim', fields: ['patientRef'] }],
    },
    {
      name: 'claim under aliases, twice',
      query: (ids) =>
        `query Two { x: claim(id: "${ids[a]}") { diagnoses } y: claim(id: "${ids[b]}") { patientRef diagnoses } }`,
      expected: (ids) => [
        { claimId: ids[a]!, operation: 'claim', fields: ['diagnoses'] },
        { claimId: ids[b]!, operation: 'claim', fields: ['patientRef', 'diagnoses'] },
      ],
    },
    {
      name: 'claims',
      query: () => `query Page { claims(first: 200) { edges { node { id patientRef } } } }`,
      expected: (ids) => ids.map((claimId) => ({ claimId, operation: 'claims', fields: ['patientRef'] })),
    },
    {
      name: 'claimHistory',
      query: (ids) => `query H { claimHistory(id: "${ids[a]}") { type } }`,
      expected: (ids) => [{ claimId: ids[a]!, operation: 'claimHistory', fields: ['history'] }],
    },
    {
      name: 'claimHistoryPage',
      query: (ids) => `query HP { claimHistoryPage(id: "${ids[b]}", first: 1) { edges { cursor } } }`,
      expected: (ids) => [{ claimId: ids[b]!, operation: 'claimHistoryPage', fields: ['history'] }],
    },
    {
      name: 'claimAsOf',
      query: (ids) =>
        `query AsOf { claimAsOf(id: "${ids[a]}", at: "${new Date(start + 1_800_000).toISOString()}", timeBasis: RECORDED) { patientRef } }`,
      expected: (ids) => [{ claimId: ids[a]!, operation: 'claimAsOf', fields: ['patientRef'] }],
    },
    {
      name: 'claimAtVersion',
      query: (ids) => `query AtV { claimAtVersion(id: "${ids[b]}", version: 0) { id diagnoses } }`,
      expected: (ids) => [{ claimId: ids[b]!, operation: 'claimAtVersion', fields: ['diagnoses'] }],
    },
    {
      name: 'claim without patient fields',
      query: (ids) => `query Plain { claim(id: "${ids[a]}") { id status payerId } }`,
      expected: () => [],
    },
    {
      name: 'worklist (it shows no patient field)',
      query: () => `query Work { worklist(first: 50) { edges { node { claimId payerId } } } }`,
      expected: () => [],
    },
  ];

  it.each(cases)('$name records who, when, what and through which operation', async (c) => {
    const actor = `auditor-${requests + 1}`;
    const { result, requestId, at } = await read(actor, c.query(claimIds));
    expect(result.errors).toBeUndefined();
    const operationName = /^query (\w+)/.exec(c.query(claimIds))![1]!;
    const expected = c.expected(claimIds).map((read) => ({
      ...read,
      accessedAt: at,
      actor,
      operationName,
      channel: 'graphql',
      requestId,
    }));
    const sortByClaim = (entries: Entry[]) =>
      [...entries].sort((x, y) => x.claimId!.localeCompare(y.claimId!));
    expect(sortByClaim(await entriesOf(actor))).toEqual(sortByClaim(expected as Entry[]));
  });

  it.each(['claimEvents', 'claimEventBatches'] as const)(
    'records %s deliveries that carry patient data, and none when data is not selected',
    async (operation) => {
      const events = async (actor: string, selection: string) => {
        const client = wsClient(api.url, await api.as(actor));
        const received: unknown[] = [];
        await new Promise<void>((resolve, reject) => {
          const stop = client.subscribe(
            {
              query:
                operation === 'claimEvents'
                  ? `subscription Feed { claimEvents { ${selection} } }`
                  : `subscription Feed { claimEventBatches { lastPosition events { ${selection} } } }`,
            },
            {
              next: (message) => {
                if (message.errors) reject(new Error(JSON.stringify(message.errors)));
                const data = message.data as { claimEventBatches?: { events: unknown[] } };
                received.push(...(data.claimEventBatches?.events ?? [data]));
                if (received.length >= claimIds.length) {
                  stop();
                  resolve();
                }
              },
              error: reject,
              complete: () => resolve(),
            },
          );
        });
        await client.dispose();
        return received;
      };
      // The actor is the subject of the token the connection authenticated with.
      const actor = `auditor-${operation}`;
      const before = (await entriesOf(actor)).length;
      await events(actor, 'position claimId type');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await entriesOf(actor)).toHaveLength(before);
      await events(actor, 'position claimId type data');
      const deadline = Date.now() + 5_000;
      while ((await entriesOf(actor)).length < before + claimIds.length && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const recorded = (await entriesOf(actor)).slice(before);
      expect(recorded.map((e) => [e.claimId, e.operation, e.operationName, e.channel, e.fields])).toEqual(
        claimIds.map((id) => [id, operation, 'Feed', 'graphql-ws', ['patientRef', 'diagnoses']]),
      );
    },
  );

  it('phiAccessLog pages with a cursor, and each read of the log is recorded once, as phiAccessLog', async () => {
    const seen: Entry[] = [];
    let after: string | undefined;
    let pages = 0;
    // A fixed `to` keeps the listing still while it is paged: the reads of the log itself come after it.
    const to = now.toISOString();
    for (;;) {
      const { result } = await read('log-reader', LOG, { claimId: claimIds[a], to, first: 2, after });
      expect(result.errors).toBeUndefined();
      const page = result.data!.phiAccessLog;
      seen.push(...page.edges.map((edge: { node: Entry }) => edge.node));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // Reads of claim a: claim, claim (aliases), claims, claimHistory, claimAsOf, claimEvents, claimEventBatches; none of
    // the log's own (after `to`).
    expect(seen.map((e) => e.operation)).toEqual([
      'claim',
      'claim',
      'claims',
      'claimHistory',
      'claimAsOf',
      'claimEvents',
      'claimEventBatches',
    ]);
    expect(new Set(seen.map((e) => e.claimId))).toEqual(new Set([claimIds[a]]));
    const own = await entriesOf('log-reader');
    expect(own).toHaveLength(pages);
    expect(own.every((e) => e.operation === 'phiAccessLog' && e.claimId === claimIds[a])).toBe(true);
    expect(own.every((e) => e.fields.length === 0)).toBe(true);

    const { result } = await read('log-reader', LOG, { actor: 'log-reader' });
    expect(result.data!.phiAccessLog.edges).toHaveLength(pages);
    expect(await entriesOf('log-reader')).toHaveLength(pages + 1);
  });

  it.each([
    [{ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to'],
    [{ from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'from'],
    [{ from: '0001-01-01T00:00:00Z' }, 'from'],
    [{ to: 'not a time' }, 'to'],
    [{ after: 'not-a-cursor' }, 'after'],
    [{ after: Buffer.from('phi:0').toString('base64url') }, 'after'],
    [{ first: 0 }, 'first'],
    [{ first: 501 }, 'first'],
    [{ claimId: 'bad id!' }, 'claimId'],
    [{ actor: ' ' }, 'actor'],
  ])('refuses %j with BAD_USER_INPUT naming %s, and records nothing', async (variables, field) => {
    const { result } = await read('bad-reader', LOG, variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.data).toBeNull();
    expect(await entriesOf('bad-reader')).toEqual([]);
  });

  it('the table refuses UPDATE, DELETE and TRUNCATE', async () => {
    await read('auditor-kept', `query Kept { claim(id: "${claimIds[a]}") { patientRef } }`);
    const dataSource = api.app.get(DataSource);
    for (const statement of [
      "UPDATE phi_access_log SET actor = 'someone-else'",
      'DELETE FROM phi_access_log',
      'TRUNCATE phi_access_log',
    ]) {
      await expect(dataSource.query(statement)).rejects.toThrow(/append-only/);
    }
    expect(await entriesOf('auditor-kept')).toHaveLength(1);
  });

  it('no log line carries patient data', () => {
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.includes(MARKER))).toEqual([]);
  });

  // The CLI opens the database itself: beside a running API that needs PostgreSQL.
  (process.env.DATABASE_URL ? it : it.skip)(
    'the CLI records history, replay and export reads under CLAIMTRAIL_ACTOR',
    async () => {
      execFileSync('npx', ['tsc', '-b', 'apps/cli'], { cwd: ROOT, stdio: 'inherit' });
      const cli = (args: string[]) =>
        execFileSync('node', ['dist/apps/cli/main.js', ...args], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: api.databaseUrl, CLAIMTRAIL_ACTOR: 'cli-auditor' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      cli(['history', claimIds[a]!]);
      cli(['replay', claimIds[b]!]);
      const exported = cli(['export']).toString().trim().split('\n');
      expect(exported.length).toBeGreaterThanOrEqual(claimIds.length);
      const entries = await entriesOf('cli-auditor');
      expect(entries.map((e) => [e.claimId, e.operation, e.channel, e.fields])).toEqual([
        [claimIds[a], 'history', 'cli', ['history']],
        [claimIds[b], 'replay', 'cli', ['patientRef', 'diagnoses']],
        ...claimIds.map((id) => [id, 'export', 'cli', ['patientRef', 'diagnoses']]),
      ]);
    },
    120_000,
  );
});
