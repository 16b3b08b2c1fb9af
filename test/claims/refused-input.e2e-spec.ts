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

  describe('control characters and unpaired surrogates, in any string argument', () => {
    it.each([
      ['a NUL in a reason', 'voidClaim', { reason: 'payer said\u0000no' }, 'reason'],
      [
        'a lone surrogate in a note',
        'logFollowUp',
        { channel: 'PHONE', outcome: 'Called', note: 'x\uD800' },
        'note',
      ],
      ['an escape in an outcome', 'logFollowUp', { channel: 'PHONE', outcome: 'a\u001B[2Jb' }, 'outcome'],
      [
        'a NUL in a payer reference',
        'logFollowUp',
        { channel: 'PHONE', outcome: 'ok', payerReference: 'R\u00001' },
        'payerReference',
      ],
      [
        'a lone surrogate in a status code',
        'acknowledgeClaim',
        { payerClaimNumber: 'PCN-1', statusCode: 'A\uDC00' },
        'statusCode',
      ],
    ])(
      'refuses %s with BAD_USER_INPUT naming the field, writes nothing, and keeps serving',
      async (_label, name, input, field) => {
        const claimId = await submitted();
        expectRefused(await api.gql(mutation(name), { input: { claimId, ...input } }), field);
        expect(await eventsOf(claimId)).toEqual(['ClaimSubmitted']);
        const next = await api.gql(mutation('assignClaim'), { input: { claimId, assignee: 'biller-7' } });
        expect(next.errors).toBeUndefined();
        expect(await eventsOf(claimId)).toEqual(['ClaimSubmitted', 'ClaimAssigned']);
      },
    );

    it('names the nested field: a NUL in a service line of a new claim', async () => {
      const line = submitClaimInput().lines[0]!;
      const input = submitClaimInput({ lines: [line, { ...line, procedureCode: '9921\u0000' }] });
      expectRefused(await api.gql(SUBMIT_CLAIM, { input }), 'lines[1].procedureCode');
      expect(await eventsOf(input.claimId)).toEqual([]);
    });

    it('refuses a NUL in a payer name and stores no payer', async () => {
      const UPSERT = `mutation Upsert($input: UpsertPayerInput!) { upsertPayer(input: $input) { payerId } }`;
      expectRefused(await api.gql(UPSERT, { input: { payerId: 'NULPAYER', name: 'Aetna\u0000' } }), 'name');
      const { data } = await api.gql(`{ payers { payerId } }`);
      expect(data!.payers.map((p: { payerId: string }) => p.payerId)).not.toContain('NULPAYER');
    });

    it('keeps tabs, line breaks and emoji in free text', async () => {
      const claimId = await submitted();
      const note = 'Line one\r\nLine two\tindented \uD83D\uDC4D';
      const result = await api.gql(mutation('logFollowUp'), {
        input: { claimId, channel: 'PORTAL', outcome: 'Checked\nIn review', note },
      });
      expect(result.errors).toBeUndefined();
    });

    const CLAIM_BY_ID = `query Q($id: ID!) { claim(id: $id) { id } }`;
    it.each([
      ['a NUL in claim(id:)', CLAIM_BY_ID, { id: 'CLM\u00001' }, 'id'],
      ['a lone surrogate in claim(id:)', CLAIM_BY_ID, { id: 'CLM-\uD800' }, 'id'],
      ['an id no claim can have in claim(id:)', CLAIM_BY_ID, { id: 'no such id!' }, 'id'],
      [
        'a lone surrogate in claimHistory(id:)',
        `query Q($id: ID!) { claimHistory(id: $id) { type } }`,
        { id: '\uDFFF' },
        'id',
      ],
      [
        'a NUL in atLeastPosition',
        `query Q($at: String) { claim(id: "CLM-1", atLeastPosition: $at) { id } }`,
        { at: '0\u0000' },
        'atLeastPosition',
      ],
      [
        'a NUL in a filter list',
        `query Q($p: [String!]) { claims(filter: { payerId: $p }) { totalCount } }`,
        { p: ['MCRTX', 'AB\u0000'] },
        'filter.payerId[1]',
      ],
      [
        'a NUL in a cursor',
        `query Q($after: String) { claims(after: $after) { totalCount } }`,
        { after: 'W1\u0000' },
        'after',
      ],
    ])('refuses %s with BAD_USER_INPUT naming the argument', async (_label, query, variables, field) => {
      expectRefused(await api.gql(query, variables), field);
      expect((await api.gql(`{ claims(first: 1) { totalCount } }`)).errors).toBeUndefined();
    });
  });

  describe('crafted cursors', () => {
    const LIST = `query List($after: String) { claims(first: 1, after: $after) { totalCount edges { cursor } } }`;
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it.each([
      ['a date of 2026-02-30', encode(['2026-02-30T10:00:00.000Z', 'CLM-1'])],
      ['year 0', encode(['0000-01-01T00:00:00.000Z', 'CLM-1'])],
      ['a year beyond 2199', encode(['2200-01-01T00:00:00.000Z', 'CLM-1'])],
      ['an instant without a zone', encode(['2026-03-10T10:00:00', 'CLM-1'])],
      ['a NUL in the claim id', encode(['2026-03-10T10:00:00.000Z', 'CLM\u00001'])],
      ['a claim id no claim can have', encode(['2026-03-10T10:00:00.000Z', 'CLM 1'])],
      ['an object instead of a pair', encode({ submittedAt: '2026-03-10T10:00:00.000Z', claimId: 'CLM-1' })],
      ['three elements', encode(['2026-03-10T10:00:00.000Z', 'CLM-1', 'x'])],
      ['numbers', encode([1, 2])],
      ['JSON null', encode(null)],
      ['text that is not JSON', Buffer.from('not json').toString('base64url')],
      ['characters outside base64url', '!!!!'],
      ['standard base64 padding', `${encode(['2026-03-10T10:00:00.000Z', 'CLM-1'])}=`],
      ['a huge cursor', 'A'.repeat(100_000)],
    ])('refuses a cursor with %s as BAD_USER_INPUT on after', async (_label, after) => {
      expectRefused(await api.gql(LIST, { after }), 'after');
    });

    it('still pages with a cursor the list itself returned', async () => {
      await submitted();
      await submitted();
      const first = await api.gql(LIST, {});
      const after = first.data!.claims.edges[0].cursor;
      const second = await api.gql(LIST, { after });
      expect(second.errors).toBeUndefined();
      expect(second.data!.claims.edges[0].cursor).not.toBe(after);
    });
  });
});
