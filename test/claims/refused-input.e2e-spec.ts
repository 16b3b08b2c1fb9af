import { startTestApi, type TestApi } from '../support/api-harness.js';
import { CLAIM, SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';

const HISTORY = `query History($id: ID!) { claimHistory(id: $id) { type } }`;
const mutation = (name: string) => {
  const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  return `mutation Run($input: ${type}!) { ${name}(input: $input) { claimId version position } }`;
};

describe('input the database could not hold, refused at the edge', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ READ_YOUR_WRITES_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => api?.close());

  async function eventsOf(claimId: string): Promise<string[]> {
    const { data, errors } = await api.gql(HISTORY, { id: claimId });
    if (errors?.[0]?.extensions?.code === 'NOT_FOUND') return [];
    return data!.claimHistory.map((e: { type: string }) => e.type);
  }

  async function submitted(): Promise<string> {
    const input = submitClaimInput();
    const result = await api.gql(SUBMIT_CLAIM, { input });
    expect(result.errors).toBeUndefined();
    return input.claimId;
  }

  function expectRefused(result: Awaited<ReturnType<TestApi['gql']>>, field: string): void {
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(JSON.stringify(result)).not.toMatch(/stack|SELECT|INSERT|PARAMETERS/i);
  }

  describe('dates outside 1900-01-01..2199-12-31 or not on the calendar', () => {
    const line = submitClaimInput().lines[0]!;

    it.each([
      [
        'a service date in year 0',
        { lines: [{ ...line, serviceDate: '0000-01-01' }] },
        'lines[0].serviceDate',
      ],
      [
        'a service date before 1900',
        { lines: [{ ...line, serviceDate: '1899-12-31' }] },
        'lines[0].serviceDate',
      ],
      ['a business time without a zone', { occurredAt: '2026-03-10T15:00:00' }, 'occurredAt'],
      ['a business time on February 30', { occurredAt: '2026-02-30T15:00:00Z' }, 'occurredAt'],
    ])('refuses a claim with %s and writes nothing', async (_label, overrides, field) => {
      const input = submitClaimInput(overrides);
      expectRefused(await api.gql(SUBMIT_CLAIM, { input }), field);
      expect(await eventsOf(input.claimId)).toEqual([]);
    });

    it.each([
      ['pendClaim', { statusCode: 'R4', requested: 'Records', infoDueDate: '9999-12-31' }, 'infoDueDate'],
      [
        'logFollowUp',
        { channel: 'PHONE', outcome: 'Called', nextActionDate: '2200-01-01' },
        'nextActionDate',
      ],
    ])('refuses %s with a date after 2199 and writes nothing', async (name, input, field) => {
      const claimId = await submitted();
      expectRefused(await api.gql(mutation(name), { input: { claimId, ...input } }), field);
      expect(await eventsOf(claimId)).toEqual(['ClaimSubmitted']);
    });

    it('keeps the read model moving: a claim submitted after a refused one is listed', async () => {
      await api.gql(SUBMIT_CLAIM, {
        input: submitClaimInput({ lines: [{ ...line, serviceDate: '0000-01-01' }] }),
      });
      const input = submitClaimInput();
      const { position } = (await api.gql(SUBMIT_CLAIM, { input })).data!.submitClaim;
      const read = await api.gql(CLAIM, { id: input.claimId, at: position });
      expect(read.errors).toBeUndefined();
      expect(read.data!.claim).toMatchObject({ id: input.claimId, status: 'SUBMITTED' });
    });
  });
});
