import pg from 'pg';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { CLAIM, SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';

const HISTORY = `query History($id: ID!) {
  claimHistory(id: $id) { eventId type version position schemaVersion data recordedAt metadata { actor occurredAt commandId correlationId causationId } }
}`;

describe('submitting a claim over HTTP', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ READ_YOUR_WRITES_TIMEOUT_MS: '500' });
  });
  afterAll(async () => api?.close());

  async function historyLength(claimId: string): Promise<number> {
    const { data, errors } = await api.gql(HISTORY, { id: claimId });
    if (errors?.[0]?.extensions?.code === 'NOT_FOUND') return 0;
    return data!.claimHistory.length;
  }

  it('submits a claim, then reads it back as SUBMITTED with its total, once the projection has its position', async () => {
    const input = submitClaimInput();
    const submitted = await api.gql(SUBMIT_CLAIM, { input }, await api.as('biller-7'));
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitClaim).toMatchObject({ claimId: input.claimId, version: 0 });

    const { data } = await api.gql(CLAIM, { id: input.claimId, at: submitted.data!.submitClaim.position });
    expect(data!.claim).toMatchObject({
      id: input.claimId,
      status: 'SUBMITTED',
      totalChargeCents: 100_000,
      serviceDate: '2026-03-02',
      payerId: 'MCRTX',
      version: 0,
    });
    expect(data!.claim.lines).toHaveLength(2);

    const history = await api.gql(HISTORY, { id: input.claimId });
    expect(history.data!.claimHistory).toEqual([
      expect.objectContaining({
        type: 'ClaimSubmitted',
        version: 0,
        schemaVersion: 1,
        position: submitted.data!.submitClaim.position,
        metadata: expect.objectContaining({ actor: 'biller-7' }),
      }),
    ]);
  });

  // Another connection holds the claim projection's checkpoint row, as a long batch would: PostgreSQL only.
  (process.env.DATABASE_URL ? it : it.skip)(
    "answers a read at its command's position at once while the read model lags, with what it then projects",
    async () => {
      const input = submitClaimInput();
      const holder = new pg.Client({ connectionString: api.databaseUrl });
      await holder.connect();
      let held = true;
      const release = async () => {
        if (held) await holder.query('ROLLBACK');
        held = false;
      };
      try {
        await holder.query('BEGIN');
        await holder.query("SELECT 1 FROM projection_checkpoints WHERE name = 'claim_summaries' FOR UPDATE");
        const submitted = await api.gql(SUBMIT_CLAIM, { input });
        const position = submitted.data!.submitClaim.position;
        const acknowledgement = await api.gql(
          'mutation Ack($input: AcknowledgeClaimInput!) { acknowledgeClaim(input: $input) { position } }',
          { input: { claimId: input.claimId, payerClaimNumber: 'PCN-1', statusCode: 'A1' } },
        );
        const acknowledged = acknowledgement.data!.acknowledgeClaim.position;

        const early = await api.gql(CLAIM, { id: input.claimId, at: acknowledged });
        expect(early.errors).toBeUndefined();
        expect(early.data!.claim).toMatchObject({ status: 'ACCEPTED', version: 1 });
        // An earlier position gets the claim as this process last left it, never an older one.
        expect((await api.gql(CLAIM, { id: input.claimId, at: position })).data!.claim.version).toBe(1);
        // The table itself has not moved: a read without a position finds nothing yet.
        expect((await api.gql(CLAIM, { id: input.claimId })).data!.claim).toBeNull();

        await release();
        const projected = await api.gql(CLAIM, { id: input.claimId, at: acknowledged });
        expect(projected.data!.claim).toEqual(early.data!.claim);
        // And once the projection has both events, the table holds the same claim.
        let row = (await api.gql(CLAIM, { id: input.claimId })).data!.claim;
        for (let i = 0; i < 100 && row?.version !== 1; i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          row = (await api.gql(CLAIM, { id: input.claimId })).data!.claim;
        }
        expect(row).toEqual(early.data!.claim);
      } finally {
        await release();
        await holder.end();
      }
    },
  );

  it('lists claims newest first with cursor pages and filters by status and payer', async () => {
    const payerId = `P${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    let last = '';
    for (let i = 0; i < 3; i++) {
      const result = await api.gql(SUBMIT_CLAIM, {
        input: submitClaimInput({ payerId, occurredAt: `2026-04-0${i + 1}T10:00:00.000Z` }),
      });
      last = result.data!.submitClaim.position;
    }
    const LIST = `query List($after: String, $at: String, $payer: [String!]) {
      claims(first: 2, after: $after, atLeastPosition: $at, filter: { payerId: $payer, status: [SUBMITTED] }) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id submittedAt } }
      }
    }`;
    const first = await api.gql(LIST, { at: last, payer: [payerId] });
    expect(first.data!.claims.totalCount).toBe(3);
    expect(first.data!.claims.edges).toHaveLength(2);
    expect(first.data!.claims.pageInfo.hasNextPage).toBe(true);
    const dates = first.data!.claims.edges.map((e: any) => e.node.submittedAt);
    expect(dates[0] > dates[1]).toBe(true);
    const second = await api.gql(LIST, { after: first.data!.claims.pageInfo.endCursor, payer: [payerId] });
    expect(second.data!.claims.edges).toHaveLength(1);
    expect(second.data!.claims.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a second submission of the same claim id with CONFLICT and keeps one ClaimSubmitted', async () => {
    const input = submitClaimInput();
    await api.gql(SUBMIT_CLAIM, { input });
    const again = await api.gql(SUBMIT_CLAIM, { input });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CLAIM_ALREADY_EXISTS' });
    expect(await historyLength(input.claimId)).toBe(1);
  });

  it('stores one ClaimSubmitted when the same claim id is submitted ten times at once', async () => {
    const input = submitClaimInput();
    const results = await Promise.all(Array.from({ length: 10 }, () => api.gql(SUBMIT_CLAIM, { input })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.reason === 'CLAIM_ALREADY_EXISTS')).toHaveLength(
      9,
    );
    expect(await historyLength(input.claimId)).toBe(1);
  });

  it('returns the first result for a retried commandId and appends nothing', async () => {
    const input = submitClaimInput({ commandId: 'retry-1' });
    const first = await api.gql(SUBMIT_CLAIM, { input });
    const retry = await api.gql(SUBMIT_CLAIM, { input });
    expect(retry.errors).toBeUndefined();
    expect(retry.data).toEqual(first.data);
    expect(await historyLength(input.claimId)).toBe(1);
  });

  it('refuses a commandId sent again with different content, and writes nothing', async () => {
    const input = submitClaimInput({ commandId: 'reuse-1' });
    await api.gql(SUBMIT_CLAIM, { input });
    const changed = await api.gql(SUBMIT_CLAIM, { input: { ...input, patientRef: 'PT-OTHER' } });
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'COMMAND_ID_REUSED' });
    const otherClaim = submitClaimInput({ commandId: 'reuse-1' });
    const elsewhere = await api.gql(SUBMIT_CLAIM, { input: otherClaim });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'COMMAND_ID_REUSED',
    });
    expect(await historyLength(input.claimId)).toBe(1);
    expect(await historyLength(otherClaim.claimId)).toBe(0);
  });

  const line = submitClaimInput().lines[0]!;
  it.each([
    ['a negative charge', { lines: [{ ...line, chargeCents: -100 }] }, 'lines[0].chargeCents'],
    ['a claim without lines', { lines: [] }, 'lines'],
    ['an invalid date', { lines: [{ ...line, serviceDate: '2026-02-30' }] }, 'lines[0].serviceDate'],
    ['an unknown payer id format', { payerId: 'not a payer!' }, 'payerId'],
    ['a wrong type', { lines: [{ ...line, units: 'one' }] }, 'lines[0].units'],
    ['a missing field', { patientRef: undefined }, 'patientRef'],
    ['an NPI that fails its check digit', { providerNpi: '1234567890' }, 'providerNpi'],
  ])(
    'refuses %s with BAD_USER_INPUT naming the field, and writes nothing',
    async (_label, overrides, field) => {
      const input = submitClaimInput({ patientRef: 'SECRET-PATIENT-99', ...overrides });
      const result = await api.gql(SUBMIT_CLAIM, { input });
      expect(result.data?.submitClaim ?? null).toBeNull();
      const error = result.errors![0]!;
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(JSON.stringify(result)).not.toContain('SECRET-PATIENT');
      expect(JSON.stringify(result)).not.toMatch(/stack|SELECT|INSERT/i);
      expect(await historyLength(input.claimId as string)).toBe(0);
    },
  );

  it('refuses an oversized request with BAD_USER_INPUT and writes nothing', async () => {
    const input = submitClaimInput({
      patientRef: 'SECRET-PATIENT-99',
      diagnoses: Array.from({ length: 100_000 }, () => 'E11.9'),
    });
    const response = await api.post(JSON.stringify({ query: SUBMIT_CLAIM, variables: { input } }));
    expect(response.status).toBe(413);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(body)).not.toContain('SECRET-PATIENT');
    expect(await historyLength(input.claimId as string)).toBe(0);
  });

  it('refuses more service lines than a claim can carry', async () => {
    const input = submitClaimInput({ lines: Array.from({ length: 51 }, () => line) });
    const result = await api.gql(SUBMIT_CLAIM, { input });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines' });
  });

  it('says so when a read cannot catch up with a position in time', async () => {
    const result = await api.gql(CLAIM, { id: 'CLM-none', at: '99999999999999999999/00000000000000000001' });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'READ_MODEL_LAGGING' });
  });

  it('reports health with the head of the log and each projection and whether it has caught up', async () => {
    const response = await fetch(api.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.status).toBe('ok');
    expect(body.details.eventStore.headPosition).toMatch(/^\d{20}\/\d{20}$/);
    expect(body.details['projection:claim_summaries']).toMatchObject({ status: 'up', quarantined: 0 });
  });

  it('serves GraphiQL and its assets from the API itself at /graphql for a browser', async () => {
    const page = await fetch(api.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    for (const asset of html.match(/\/graphiql-assets\/[\w.-]+/g)!) {
      const response = await fetch(new URL(asset, api.url));
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('returns NOT_FOUND for the history of an unknown claim and null for the claim itself', async () => {
    expect((await api.gql(HISTORY, { id: 'CLM-unknown' })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await api.gql(CLAIM, { id: 'CLM-unknown' })).data!.claim).toBeNull();
  });
});
