// The X12 fixtures (test/fixtures/x12, after the implementation guides' examples) imported over HTTP: every claim's
// balances equal the file's amounts to the cent, remittance totals match BPR02, a bad file posts nothing.
import { readFileSync } from 'node:fs';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { SUBMIT_CLAIM, remittedClaimInput } from '../support/claim-inputs.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/x12/${name}`, import.meta.url), 'utf8');

const IMPORT_835 = `mutation Import($text: String!, $allowPartial: Boolean) {
  import835(text: $text, allowPartial: $allowPartial) {
    posted alreadyImported
    counts { claims posted alreadyPosted unmatched notPosted }
    problems { rule segment position message }
    remittances { payerId traceNumber totalPaidCents providerAdjustmentCents
      claims { patientControlNumber outcome eventType rule position } }
  }
}`;

const IMPORT_277 = `mutation Import($text: String!) {
  import277ca(text: $text) {
    posted alreadyImported counts { claims posted alreadyPosted unmatched }
    claims { patientControlNumber outcome eventType rule }
    problems { rule segment position }
  }
}`;

const CLAIM = `query Claim($id: ID!) {
  claim(id: $id) {
    status secondaryPayerId payerClaimNumber
    balances { paidCents contractualAdjustmentCents otherAdjustmentCents patientResponsibilityCents
      insuranceBalanceCents patientBalanceCents primaryBalanceCents secondaryBalanceCents crossedOverCents }
    denials { groupCode carc deniedAmountCents }
    payments { paymentId paidCents reversed payer }
  }
}`;

const REMITTANCE = `query R($payerId: String!, $trace: String!) {
  remittance(payerId: $payerId, traceNumber: $trace) {
    totalPaidCents providerAdjustmentCents claimsPosted unmatchedCount paymentMethod paymentDate
    providerAdjustments { reasonCode reference amountCents }
    claims { patientControlNumber outcome }
  }
}`;

/** Claims as the practice billed them: their ids are the files' patient control numbers, their charges CLP03. */
const CLAIMS: Record<string, number[]> = {
  'PCN-0001': [18_000, 7_000],
  'PCN-0002': [30_000, 12_000],
  'PCN-0003': [100_000],
  'PCN-0004': [30_000],
  'PCN-0005': [50_000],
  'PCN-0006': [20_000],
  'PCN-0007': [30_000],
  'PCN-0008': [15_000, 8_500, 4_000],
  'PCN-0009': [32_000, 9_500],
  'PCN-0010': [13_000, 3_000],
  'PCN-0011': [12_000, 22_000],
  'PCN-0012': [18_500],
};

describe('importing X12 835 and 277CA files over HTTP', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    for (const [claimId, charges] of Object.entries(CLAIMS)) {
      const input = remittedClaimInput(claimId, charges);
      const result = await api.gql(SUBMIT_CLAIM, { input });
      expect(result.errors).toBeUndefined();
    }
  }, 60_000);
  afterAll(async () => api?.close());

  async function import835(name: string, allowPartial = false) {
    const { data, errors } = await api.gql(IMPORT_835, { text: fixture(name), allowPartial });
    expect(errors).toBeUndefined();
    return data!.import835;
  }

  async function claim(id: string) {
    const { data, errors } = await api.gql(CLAIM, { id });
    expect(errors).toBeUndefined();
    return data!.claim;
  }

  /** Waits for the read models to catch up with every import so far. */
  async function settled() {
    for (let i = 0; i < 100; i++) {
      const { data } = await api.gql('{ projections { caughtUp } }');
      if ((data!.projections as { caughtUp: boolean }[]).every((p) => p.caughtUp)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('posts a single-claim payment to the cent, and a second import posts nothing new and says so', async () => {
    const first = await import835('835-single-claim-payment.835');
    expect(first).toMatchObject({ posted: true, alreadyImported: false, problems: [] });
    expect(first.counts).toEqual({ claims: 1, posted: 1, alreadyPosted: 0, unmatched: 0, notPosted: 0 });
    const again = await import835('835-single-claim-payment.835');
    expect(again).toMatchObject({ posted: false, alreadyImported: true });
    expect(again.counts).toMatchObject({ posted: 0, alreadyPosted: 1 });
    await settled();
    expect(await claim('PCN-0001')).toMatchObject({
      status: 'PAID',
      balances: {
        paidCents: 16_000,
        contractualAdjustmentCents: 5_000,
        patientResponsibilityCents: 4_000,
        insuranceBalanceCents: 0,
        patientBalanceCents: 4_000,
      },
      payments: [{ paymentId: 'EFT20250314001', paidCents: 16_000, reversed: false, payer: 'PRIMARY' }],
    });
    const { data } = await api.gql(REMITTANCE, { payerId: '1512345678', trace: 'EFT20250314001' });
    expect(data!.remittance).toMatchObject({ totalPaidCents: 16_000, claimsPosted: 1, unmatchedCount: 0 });
  });

  it('posts a zero-pay denial as a denial: the balance stays in AR', async () => {
    const report = await import835('835-denial.835');
    expect(report.counts).toMatchObject({ posted: 1 });
    await settled();
    expect(await claim('PCN-0002')).toMatchObject({
      status: 'DENIED',
      balances: { paidCents: 0, insuranceBalanceCents: 42_000, patientBalanceCents: 0 },
      denials: [{ groupCode: 'CO', carc: '50', deniedAmountCents: 42_000 }],
    });
  });

  it('posts a partial payment with several CAS triplets per segment', async () => {
    await import835('835-partial-payment.835');
    await settled();
    expect(await claim('PCN-0003')).toMatchObject({
      status: 'PAID',
      balances: {
        paidCents: 44_082,
        contractualAdjustmentCents: 40_918,
        patientResponsibilityCents: 15_000,
        insuranceBalanceCents: 0,
        patientBalanceCents: 15_000,
      },
    });
  });

  it('posts a reversal and its correction in file order: the old payment taken back, the new one standing', async () => {
    const { errors } = await api.gql(
      `mutation { recordPayment(input: { claimId: "PCN-0004", paymentId: "EFT-OLD", paidDate: "2025-03-05",
        occurredAt: "2025-03-05T12:00:00Z", paidCents: 20000, adjustments: [
          { groupCode: CO, carc: "45", rarcs: [], amountCents: 5000 },
          { groupCode: PR, carc: "2", rarcs: [], amountCents: 5000 }] }) { version } }`,
    );
    expect(errors).toBeUndefined();
    const report = await import835('835-reversal-correction.835');
    expect(report.remittances[0].claims.map((c: { eventType: string }) => c.eventType)).toEqual([
      'ReversePayment',
      'RecordPayment',
    ]);
    await settled();
    expect(await claim('PCN-0004')).toMatchObject({
      status: 'PAID',
      balances: {
        paidCents: 23_000,
        contractualAdjustmentCents: 4_000,
        patientResponsibilityCents: 3_000,
        insuranceBalanceCents: 0,
        patientBalanceCents: 3_000,
      },
      payments: [
        { paymentId: 'EFT-OLD', reversed: true },
        { paymentId: 'EFT20250314004', paidCents: 23_000, reversed: false },
      ],
    });
  });

  it('crosses the patient share over to the secondary payer the primary forwarded to', async () => {
    await import835('835-crossover-secondary.835');
    await settled();
    expect(await claim('PCN-0005')).toMatchObject({
      status: 'PAID',
      secondaryPayerId: 'EVG77',
      balances: {
        paidCents: 32_000,
        contractualAdjustmentCents: 10_000,
        patientResponsibilityCents: 0,
        crossedOverCents: 8_000,
        primaryBalanceCents: 0,
        secondaryBalanceCents: 8_000,
        insuranceBalanceCents: 8_000,
        patientBalanceCents: 0,
      },
    });
  });

  it('ages the crossed-over share under the secondary payer who owes it', async () => {
    await settled();
    const { data, errors } = await api.gql(`{
      agingReport(groupBy: PAYER, timeBasis: OCCURRED) { groups { key total { claims insuranceCents patientCents } } }
    }`);
    expect(errors).toBeUndefined();
    const groups = data!.agingReport.groups as { key: string; total: { insuranceCents: number } }[];
    expect(groups.find((g) => g.key === 'EVG77')?.total).toEqual({
      claims: 1,
      insuranceCents: 8_000,
      patientCents: 0,
    });
  });

  it('records PLB interest and forward balance on the remittance, not a claim; the totals match BPR02', async () => {
    const report = await import835('835-plb-interest-forward-balance.835');
    expect(report.remittances[0]).toMatchObject({ totalPaidCents: 30_377, providerAdjustmentCents: 12_173 });
    await settled();
    const { data } = await api.gql(REMITTANCE, { payerId: '1512345678', trace: 'EFT20250314006' });
    expect(data!.remittance).toMatchObject({
      totalPaidCents: 30_377,
      claimsPosted: 2,
      providerAdjustments: [
        { reasonCode: 'L6', reference: 'PCN-0006', amountCents: -327 },
        { reasonCode: 'FB', reference: '2024111500099', amountCents: 12_500 },
      ],
    });
    const [six, seven] = [await claim('PCN-0006'), await claim('PCN-0007')];
    expect(six.balances).toMatchObject({ paidCents: 15_000, insuranceBalanceCents: 0 });
    expect(seven.balances).toMatchObject({ paidCents: 27_550, insuranceBalanceCents: 0 });
    // BPR02 = Σ CLP04 − Σ PLB, to the cent.
    expect(six.balances.paidCents + seven.balances.paidCents - 12_173).toBe(30_377);
  });

  it('posts a multi-claim remittance with service lines: bundled lines (CO-97) stay in AR as denied', async () => {
    const report = await import835('835-multi-claim-service-lines.835');
    expect(report.counts).toMatchObject({ claims: 3, posted: 3 });
    await settled();
    expect((await claim('PCN-0008')).balances).toMatchObject({
      paidCents: 15_520,
      patientResponsibilityCents: 3_880,
      insuranceBalanceCents: 4_000,
    });
    expect((await claim('PCN-0009')).balances).toMatchObject({ paidCents: 19_200, insuranceBalanceCents: 0 });
    expect((await claim('PCN-0010')).balances).toMatchObject({
      paidCents: 9_100,
      insuranceBalanceCents: 3_000,
    });
  });

  it.each([
    ['835-truncated.835', 'TRUNCATED'],
    ['835-bad-se-count.835', 'SE_COUNT_MISMATCH'],
    ['835-bad-ge-count.835', 'GE_COUNT_MISMATCH'],
    ['835-bad-iea-count.835', 'IEA_COUNT_MISMATCH'],
    ['835-unbalanced-claim.835', 'CLAIM_UNBALANCED'],
  ])('%s: reports %s and posts nothing', async (name, rule) => {
    const before = await api.gql('{ remittances(first: 50) { nodes { traceNumber } } }');
    const report = await import835(name);
    expect(report.posted).toBe(false);
    expect(report.problems.map((p: { rule: string }) => p.rule)).toContain(rule);
    expect(report.problems[0]).toEqual(
      expect.objectContaining({ segment: expect.any(String), position: expect.any(Number) }),
    );
    await settled();
    expect(await api.gql('{ remittances(first: 50) { nodes { traceNumber } } }')).toEqual(before);
  });

  it('refuses a file naming an unknown claim as a whole, or posts the rest with allowPartial', async () => {
    const text = fixture('835-multi-claim-service-lines.835')
      .replaceAll('PCN-0008', 'PCN-9998')
      .replaceAll('EFT20250314007', 'EFT20250314099');
    const refused = (await api.gql(IMPORT_835, { text })).data!.import835;
    expect(refused.posted).toBe(false);
    expect(refused.problems).toEqual([
      expect.objectContaining({ rule: 'UNKNOWN_CLAIM', segment: 'CLP', position: expect.any(Number) }),
    ]);
    // PCN-0009 and PCN-0010 were paid by the first import of this file: a second payment under another trace is a
    // duplicate, credited as such; the unknown claim is listed as work.
    const partial = (await api.gql(IMPORT_835, { text, allowPartial: true })).data!.import835;
    expect(partial.counts).toMatchObject({ claims: 3, posted: 2, unmatched: 1 });
    await settled();
    const { data } = await api.gql(
      '{ unmatchedRemittanceItems { traceNumber claim { patientControlNumber rule } } }',
    );
    expect(data!.unmatchedRemittanceItems).toEqual([
      { traceNumber: 'EFT20250314099', claim: { patientControlNumber: 'PCN-9998', rule: 'UNKNOWN_CLAIM' } },
    ]);
    const worklist = await api.gql('{ worklist(first: 5) { unmatchedRemittances { traceNumber } } }');
    expect(worklist.data!.worklist.unmatchedRemittances).toEqual([{ traceNumber: 'EFT20250314099' }]);
  });

  it('imports a 277CA: acknowledged with the payer claim number, rejected with its status codes', async () => {
    const report = (await api.gql(IMPORT_277, { text: fixture('277ca-accepted-rejected.277') })).data!
      .import277ca;
    expect(report.problems).toEqual([]);
    // PCN-0001 was paid before: acknowledging it is nothing to do, not an error.
    expect(report.claims).toEqual([
      { patientControlNumber: 'PCN-0001', outcome: 'ALREADY_POSTED', eventType: null, rule: null },
      { patientControlNumber: 'PCN-0011', outcome: 'POSTED', eventType: 'RejectClaim', rule: null },
      { patientControlNumber: 'PCN-0012', outcome: 'POSTED', eventType: 'RejectClaim', rule: null },
    ]);
    expect(report.counts).toMatchObject({ claims: 3, posted: 2, alreadyPosted: 1 });
    const again = (await api.gql(IMPORT_277, { text: fixture('277ca-accepted-rejected.277') })).data!
      .import277ca;
    expect(again).toMatchObject({ posted: false, alreadyImported: true });
    await settled();
    expect((await claim('PCN-0011')).status).toBe('REJECTED');
    expect((await claim('PCN-0012')).status).toBe('REJECTED');
  });

  it('refuses text that is not X12 with a report, and an empty text with a coded error', async () => {
    const report = (await api.gql(IMPORT_835, { text: 'hello' })).data!.import835;
    expect(report).toMatchObject({ posted: false, problems: [expect.objectContaining({ rule: 'NOT_X12' })] });
    const { errors } = await api.gql(IMPORT_835, { text: '' });
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});
