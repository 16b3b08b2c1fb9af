import { startTestApi, type TestApi } from '../support/api-harness.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';

const UPSERT = `mutation Upsert($input: UpsertPayerInput!) {
  upsertPayer(input: $input) { payerId name timelyFilingDays appealWindowDays responseDays version updatedBy }
}`;

const CHANGES = `query Changes($payerId: String!) {
  payerRuleChanges(payerId: $payerId) {
    version changedBy changedAt correlationId
    before { name timelyFilingDays appealWindowDays responseDays }
    after { name timelyFilingDays appealWindowDays responseDays }
  }
}`;

const DEADLINES = `query Claim($id: ID!, $at: String) {
  claim(id: $id, atLeastPosition: $at) { deadlines { timelyFiling payerRulesVersion } }
}`;

const payerId = 'AUDIT01';
const acme = {
  payerId,
  name: 'Audit Health',
  timelyFilingDays: 90,
  appealWindowDays: [180, 60],
  responseDays: 30,
};

describe("a payer's rule changes over HTTP", () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api?.close());

  async function upsert(input: Record<string, unknown>, actor: string) {
    const result = await api.gql(
      UPSERT,
      { input },
      { ...(await api.as(actor, 'admin')), 'x-correlation-id': `req-${actor}` },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.upsertPayer;
  }

  const changes = async () => {
    const result = await api.gql(CHANGES, { payerId });
    expect(result.errors).toBeUndefined();
    return result.data!.payerRuleChanges;
  };

  async function deadlinesOf(overrides: Record<string, unknown>) {
    const input = submitClaimInput({ occurredAt: '2026-03-05T12:00:00.000Z', ...overrides });
    const submitted = await api.gql(SUBMIT_CLAIM, { input });
    expect(submitted.errors).toBeUndefined();
    const { claimId, position } = submitted.data!.submitClaim;
    const claim = await api.gql(DEADLINES, { id: claimId, at: position });
    expect(claim.errors).toBeUndefined();
    return claim.data!.claim.deadlines;
  }

  it('records who changed what, from what, as versions 1 and 2', async () => {
    expect(await upsert(acme, 'admin-1')).toMatchObject({ version: 1, updatedBy: 'admin-1' });
    expect(await upsert({ ...acme, timelyFilingDays: 1 }, 'admin-2')).toMatchObject({
      timelyFilingDays: 1,
      version: 2,
      updatedBy: 'admin-2',
    });
    const { payerId: _id, ...rules } = acme;
    expect(await changes()).toEqual([
      {
        version: 1,
        changedBy: 'admin-1',
        changedAt: expect.any(String),
        correlationId: 'req-admin-1',
        before: null,
        after: rules,
      },
      {
        version: 2,
        changedBy: 'admin-2',
        changedAt: expect.any(String),
        correlationId: 'req-admin-2',
        before: rules,
        after: { ...rules, timelyFilingDays: 1 },
      },
    ]);
  });

  it("files a claim under the payer's current rules and records their version", async () => {
    expect(await deadlinesOf({ payerId })).toEqual({ timelyFiling: '2026-03-03', payerRulesVersion: 2 });
  });

  it("records no version for a claim filed under Medicare's defaults", async () => {
    expect(await deadlinesOf({ payerId: 'NOBODY9' })).toMatchObject({ payerRulesVersion: null });
  });

  it('records nothing for a change that changes nothing', async () => {
    expect(await upsert({ ...acme, timelyFilingDays: 1 }, 'admin-3')).toMatchObject({
      version: 2,
      updatedBy: 'admin-2',
    });
    expect((await changes()).map((c: { version: number }) => c.version)).toEqual([1, 2]);
    const { data } = await api.gql('{ payers { payerId version } }');
    expect(data!.payers).toContainEqual({ payerId, version: 2 });
  });

  it('has no history for a payer never configured, and refuses a payer id of the wrong format', async () => {
    expect((await api.gql(CHANGES, { payerId: 'NOBODY9' })).data!.payerRuleChanges).toEqual([]);
    const refused = await api.gql(CHANGES, { payerId: 'not a payer' });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'payerId' });
  });
});
