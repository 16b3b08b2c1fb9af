import { startTestApi, type TestApi } from '../support/api-harness.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';

// A book of 18 claims with three payers over four months (July to October 2026), worked through the API with
// business times in the past, and the clock fixed at the end of October. Every expected number below was worked
// out by hand from the story in this file; none is computed by the code under test.
//
// Payers: MCRTX (Medicare rules: filing 365 days, appeals 120/180/60/60/60, response 30 days), AETNA (filing 90,
// appeals 180/60, response 21) and BCBSTX (filing 180, appeal 180, response 30).
const TODAY = new Date('2026-10-31T23:00:00Z');
const NPI_A = '1234567893';
const NPI_B = '1245319599';

type Step = [mutation: string, date: string, input: Record<string, unknown>];
interface Story {
  id: string;
  payer: string;
  npi?: string;
  service: string;
  submitted: string;
  charge: number;
  steps: Step[];
}

const pay = (id: string, paid: number, adjustments: [string, string, number][]): Record<string, unknown> => ({
  paymentId: id,
  paidCents: paid,
  adjustments: adjustments.map(([groupCode, carc, amountCents]) => ({ groupCode, carc, amountCents })),
});

const BOOK: Story[] = [
  // Paid in full on first pass: 14 days to adjudication.
  {
    id: 'M1',
    payer: 'MCRTX',
    service: '2026-07-01',
    submitted: '2026-07-06',
    charge: 100_000,
    steps: [
      ['acknowledgeClaim', '2026-07-08', { payerClaimNumber: 'PM1', statusCode: 'A1' }],
      [
        'recordPayment',
        '2026-07-20',
        { paidDate: '2026-07-20', ...pay('E-M1', 80_000, [['CO', '45', 20_000]]) },
      ],
    ],
  },
  // Paid with coinsurance, the patient billed and paid: closed on 09-15.
  {
    id: 'M2',
    payer: 'MCRTX',
    service: '2026-07-03',
    submitted: '2026-07-08',
    charge: 50_000,
    steps: [
      ['acknowledgeClaim', '2026-07-10', { payerClaimNumber: 'PM2', statusCode: 'A1' }],
      [
        'recordPayment',
        '2026-07-25',
        {
          paidDate: '2026-07-25',
          ...pay('E-M2', 30_000, [
            ['CO', '45', 10_000],
            ['PR', '2', 10_000],
          ]),
        },
      ],
      ['billPatient', '2026-08-01', { statementId: 'S-M2', amountCents: 10_000, dueDate: '2026-08-31' }],
      ['recordPatientPayment', '2026-09-15', { paymentId: 'P-M2', amountCents: 10_000 }],
    ],
  },
  // Rejected at the front end, resubmitted, denied CO-50, appealed, overturned, paid on 09-30.
  {
    id: 'M3',
    payer: 'MCRTX',
    service: '2026-07-10',
    submitted: '2026-07-15',
    charge: 100_000,
    steps: [
      ['rejectClaim', '2026-07-16', { statusCode: 'A7', reason: 'Subscriber id not found' }],
      ['resubmitClaim', '2026-07-18', { frequency: 'ORIGINAL', reason: 'Corrected the subscriber id' }],
      ['acknowledgeClaim', '2026-07-20', { payerClaimNumber: 'PM3', statusCode: 'A1' }],
      ['denyClaim', '2026-08-05', { groupCode: 'CO', carc: '50', deniedAmountCents: 100_000 }],
      ['appealClaim', '2026-08-10', { level: 1, reason: 'Notes document medical necessity' }],
      ['decideAppeal', '2026-09-20', { outcome: 'OVERTURNED' }],
      ['recordPayment', '2026-09-30', { paidDate: '2026-09-30', ...pay('E-M3', 100_000, []) }],
    ],
  },
  // Pended 08-10 for records (sent 08-20: a 10-day pend), then paid.
  {
    id: 'M4',
    payer: 'MCRTX',
    service: '2026-08-01',
    submitted: '2026-08-05',
    charge: 100_000,
    steps: [
      ['acknowledgeClaim', '2026-08-07', { payerClaimNumber: 'PM4', statusCode: 'A1' }],
      [
        'pendClaim',
        '2026-08-10',
        { statusCode: 'R4', requested: 'Medical records', infoDueDate: '2026-08-25' },
      ],
      ['submitAdditionalInfo', '2026-08-20', { description: 'Records sent' }],
      [
        'recordPayment',
        '2026-09-05',
        { paidDate: '2026-09-05', ...pay('E-M4', 70_000, [['CO', '45', 30_000]]) },
      ],
    ],
  },
  // Accepted and never answered.
  {
    id: 'M5',
    payer: 'MCRTX',
    service: '2026-08-15',
    submitted: '2026-08-20',
    charge: 100_000,
    steps: [['acknowledgeClaim', '2026-08-22', { payerClaimNumber: 'PM5', statusCode: 'A1' }]],
  },
  // Voided five days after submission: out of AR.
  {
    id: 'M6',
    payer: 'MCRTX',
    service: '2026-10-05',
    submitted: '2026-10-10',
    charge: 100_000,
    steps: [['voidClaim', '2026-10-15', { reason: 'Duplicate claim' }]],
  },
  // Denied CO-197, appeal upheld on 09-10: level 2 open until 11-09.
  {
    id: 'A1',
    payer: 'AETNA',
    service: '2026-06-25',
    submitted: '2026-07-10',
    charge: 100_000,
    steps: [
      ['acknowledgeClaim', '2026-07-12', { payerClaimNumber: 'PA1', statusCode: 'A1' }],
      ['denyClaim', '2026-07-30', { groupCode: 'CO', carc: '197', deniedAmountCents: 100_000 }],
      ['appealClaim', '2026-08-05', { level: 1, reason: 'Authorization was on file' }],
      ['decideAppeal', '2026-09-10', { outcome: 'UPHELD' }],
    ],
  },
  // Partly paid (a CO-50 line denied), the payment taken back, a corrected payment.
  {
    id: 'A2',
    payer: 'AETNA',
    npi: NPI_B,
    service: '2026-07-20',
    submitted: '2026-07-22',
    charge: 50_000,
    steps: [
      ['acknowledgeClaim', '2026-07-24', { payerClaimNumber: 'PA2', statusCode: 'A1' }],
      [
        'recordPayment',
        '2026-08-10',
        {
          paidDate: '2026-08-10',
          ...pay('E-A2-1', 20_000, [
            ['CO', '45', 10_000],
            ['CO', '50', 20_000],
          ]),
        },
      ],
      ['reversePayment', '2026-08-20', { paymentId: 'E-A2-1', reason: 'Payer takeback: wrong fee schedule' }],
      [
        'recordPayment',
        '2026-08-25',
        { paidDate: '2026-08-25', ...pay('E-A2-2', 40_000, [['CO', '45', 10_000]]) },
      ],
    ],
  },
  // Paid with coinsurance; the patient billed, due 09-30, unpaid.
  {
    id: 'A3',
    payer: 'AETNA',
    npi: NPI_B,
    service: '2026-08-02',
    submitted: '2026-08-05',
    charge: 100_000,
    steps: [
      ['acknowledgeClaim', '2026-08-06', { payerClaimNumber: 'PA3', statusCode: 'A1' }],
      [
        'recordPayment',
        '2026-08-20',
        {
          paidDate: '2026-08-20',
          ...pay('E-A3', 60_000, [
            ['CO', '45', 30_000],
            ['PR', '2', 10_000],
          ]),
        },
      ],
      ['billPatient', '2026-09-01', { statementId: 'S-A3', amountCents: 10_000, dueDate: '2026-09-30' }],
    ],
  },
  // Denied CO-16, not appealed (window open until 2027-03-19).
  {
    id: 'A4',
    payer: 'AETNA',
    service: '2026-08-01',
    submitted: '2026-09-03',
    charge: 100_000,
    steps: [
      ['acknowledgeClaim', '2026-09-04', { payerClaimNumber: 'PA4', statusCode: 'A1' }],
      [
        'denyClaim',
        '2026-09-20',
        { groupCode: 'CO', carc: '16', rarcs: ['M51'], deniedAmountCents: 100_000 },
      ],
    ],
  },
  // Pended before any acknowledgement (10 days), then paid.
  {
    id: 'A5',
    payer: 'AETNA',
    npi: NPI_B,
    service: '2026-09-10',
    submitted: '2026-09-12',
    charge: 50_000,
    steps: [
      [
        'pendClaim',
        '2026-09-15',
        { statusCode: 'R4', requested: 'Itemized bill', infoDueDate: '2026-09-30' },
      ],
      ['submitAdditionalInfo', '2026-09-25', { description: 'Itemized bill sent' }],
      [
        'recordPayment',
        '2026-10-05',
        { paidDate: '2026-10-05', ...pay('E-A5', 40_000, [['CO', '45', 10_000]]) },
      ],
    ],
  },
  // Submitted, no answer yet (the payer's 21 days run out on 11-05).
  { id: 'A6', payer: 'AETNA', service: '2026-10-10', submitted: '2026-10-15', charge: 100_000, steps: [] },
  // Denied CO-16, appeal upheld on 10-15: level 2 open until 12-14.
  {
    id: 'A7',
    payer: 'AETNA',
    service: '2026-09-02',
    submitted: '2026-09-05',
    charge: 50_000,
    steps: [
      ['acknowledgeClaim', '2026-09-06', { payerClaimNumber: 'PA7', statusCode: 'A1' }],
      [
        'denyClaim',
        '2026-09-25',
        { groupCode: 'CO', carc: '16', rarcs: ['N290'], deniedAmountCents: 50_000 },
      ],
      ['appealClaim', '2026-09-28', { level: 1, reason: 'Missing modifier added' }],
      ['decideAppeal', '2026-10-15', { outcome: 'UPHELD' }],
    ],
  },
  {
    id: 'B1',
    payer: 'BCBSTX',
    service: '2026-07-15',
    submitted: '2026-07-20',
    charge: 100_000,
    steps: [
      ['acknowledgeClaim', '2026-07-25', { payerClaimNumber: 'PB1', statusCode: 'A1' }],
      [
        'recordPayment',
        '2026-08-30',
        { paidDate: '2026-08-30', ...pay('E-B1', 90_000, [['CO', '45', 10_000]]) },
      ],
    ],
  },
  // Denied CO-97 on 09-01, appealed, overturned, paid on 10-20.
  {
    id: 'B2',
    payer: 'BCBSTX',
    service: '2026-08-10',
    submitted: '2026-08-12',
    charge: 100_000,
    steps: [
      ['acknowledgeClaim', '2026-08-15', { payerClaimNumber: 'PB2', statusCode: 'A1' }],
      ['denyClaim', '2026-09-01', { groupCode: 'CO', carc: '97', deniedAmountCents: 100_000 }],
      ['appealClaim', '2026-09-05', { level: 1, reason: 'Separate procedure, modifier 59' }],
      ['decideAppeal', '2026-10-10', { outcome: 'OVERTURNED' }],
      [
        'recordPayment',
        '2026-10-20',
        { paidDate: '2026-10-20', ...pay('E-B2', 80_000, [['CO', '45', 20_000]]) },
      ],
    ],
  },
  // Accepted and never answered (the payer's 30 days ran out on 10-08).
  {
    id: 'B3',
    payer: 'BCBSTX',
    service: '2026-09-05',
    submitted: '2026-09-08',
    charge: 100_000,
    steps: [['acknowledgeClaim', '2026-09-10', { payerClaimNumber: 'PB3', statusCode: 'A1' }]],
  },
  {
    id: 'B4',
    payer: 'BCBSTX',
    service: '2026-10-01',
    submitted: '2026-10-03',
    charge: 50_000,
    steps: [
      ['acknowledgeClaim', '2026-10-05', { payerClaimNumber: 'PB4', statusCode: 'A1' }],
      [
        'recordPayment',
        '2026-10-25',
        { paidDate: '2026-10-25', ...pay('E-B4', 40_000, [['CO', '45', 10_000]]) },
      ],
    ],
  },
  // The payment is posted after a 10-01 follow-up but dated 09-20: back-dated, it counts on 09-20.
  {
    id: 'B5',
    payer: 'BCBSTX',
    service: '2026-08-25',
    submitted: '2026-09-01',
    charge: 100_000,
    steps: [
      ['acknowledgeClaim', '2026-09-03', { payerClaimNumber: 'PB5', statusCode: 'A1' }],
      [
        'logFollowUp',
        '2026-10-01',
        { channel: 'PHONE', outcome: 'In process', nextActionDate: '2026-10-15' },
      ],
      [
        'recordPayment',
        '2026-09-20',
        { paidDate: '2026-09-20', ...pay('E-B5', 80_000, [['CO', '45', 20_000]]) },
      ],
    ],
  },
];

const mutation = (name: string) =>
  `mutation Run($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { position } }`;

const bucket = (
  name: string,
  minDays: number,
  maxDays: number | null,
  insurance: number,
  patient: number,
  claims: number,
) => ({
  bucket: name,
  minDays,
  maxDays,
  insuranceCents: insurance,
  patientCents: patient,
  totalCents: insurance + patient,
  claims,
});
const buckets = (cells: [number, number, number][]) => [
  bucket('DAYS_0_30', 0, 30, ...cells[0]!),
  bucket('DAYS_31_60', 31, 60, ...cells[1]!),
  bucket('DAYS_61_90', 61, 90, ...cells[2]!),
  bucket('DAYS_91_120', 91, 120, ...cells[3]!),
  bucket('OVER_120', 121, null, ...cells[4]!),
];
const group = (key: string | null, cells: [number, number, number][], total: [number, number, number]) => ({
  key,
  buckets: buckets(cells),
  total: bucket('TOTAL', 0, null, ...total),
});
const ZERO: [number, number, number] = [0, 0, 0];

const AGING = `query Aging($asOf: String, $basis: AgingBasis, $groupBy: AgingGroupBy, $timeBasis: TimeBasis, $at: String) {
  agingReport(asOf: $asOf, basis: $basis, groupBy: $groupBy, timeBasis: $timeBasis, atLeastPosition: $at) {
    asOf basis groupBy timeBasis
    groups { key total { bucket minDays maxDays insuranceCents patientCents totalCents claims }
      buckets { bucket minDays maxDays insuranceCents patientCents totalCents claims } }
    total { key total { bucket minDays maxDays insuranceCents patientCents totalCents claims }
      buckets { bucket minDays maxDays insuranceCents patientCents totalCents claims } }
  }
}`;

describe('AR reports over a hand-worked book of claims', () => {
  let api: TestApi;
  let last = '';

  async function run(name: string, input: Record<string, unknown>) {
    const result = await api.gql(mutation(name), { input });
    if (result.errors) throw new Error(`${name} refused: ${JSON.stringify(result.errors)}`);
    last = result.data![name].position;
  }

  beforeAll(async () => {
    api = await startTestApi({ READ_YOUR_WRITES_TIMEOUT_MS: '20000' }, undefined, {
      clock: { now: () => TODAY },
    });
    for (const [payerId, timelyFilingDays, appealWindowDays, responseDays] of [
      ['AETNA', 90, [180, 60], 21],
      ['BCBSTX', 180, [180], 30],
    ] as const) {
      const upsert = await api.gql(
        'mutation P($input: UpsertPayerInput!) { upsertPayer(input: $input) { payerId } }',
        { input: { payerId, name: payerId, timelyFilingDays, appealWindowDays, responseDays } },
      );
      expect(upsert.errors).toBeUndefined();
    }
    for (const story of BOOK) {
      const input = submitClaimInput({
        claimId: story.id,
        payerId: story.payer,
        providerNpi: story.npi ?? NPI_A,
        diagnoses: ['E11.9'],
        lines: [
          {
            procedureCode: '99214',
            chargeCents: story.charge,
            diagnosisPointers: [1],
            serviceDate: story.service,
          },
        ],
        occurredAt: `${story.submitted}T12:00:00Z`,
      });
      const submitted = await api.gql(SUBMIT_CLAIM, { input });
      if (submitted.errors) throw new Error(`${story.id} refused: ${JSON.stringify(submitted.errors)}`);
      for (const [name, date, step] of story.steps)
        await run(name, { claimId: story.id, occurredAt: `${date}T12:00:00Z`, ...step });
    }
    await run('assignClaim', { claimId: 'A4', assignee: 'biller-1', occurredAt: '2026-10-20T12:00:00Z' });
    await run('assignClaim', { claimId: 'A3', assignee: 'biller-1', occurredAt: '2026-10-20T12:00:00Z' });
  }, 120_000);
  afterAll(async () => api?.close());

  const report = async (query: string, variables: Record<string, unknown>) => {
    const result = await api.gql(query, { ...variables, at: last });
    expect(result.errors).toBeUndefined();
    return result.data!;
  };

  describe('agingReport', () => {
    it('as of the end of August, by payer and date of service', async () => {
      // MCRTX: M4 (30 days) and M5 (16) in 0-30; M3 (52, insurance) and M2 (59, patient coinsurance) in 31-60.
      // AETNA: A3's coinsurance (29 days) in 0-30; A1 (67) in 61-90. BCBSTX: B2 (21) in 0-30.
      // Paid by then: M1, A2 (corrected payment 08-25), B1 (08-30). Not yet submitted: the rest.
      const { agingReport } = await report(AGING, { asOf: '2026-08-31' });
      expect(agingReport).toEqual({
        asOf: '2026-08-31',
        basis: 'SERVICE_DATE',
        groupBy: 'PAYER',
        timeBasis: 'OCCURRED',
        groups: [
          group('AETNA', [[0, 10_000, 1], ZERO, [100_000, 0, 1], ZERO, ZERO], [100_000, 10_000, 2]),
          group('BCBSTX', [[100_000, 0, 1], ZERO, ZERO, ZERO, ZERO], [100_000, 0, 1]),
          group('MCRTX', [[200_000, 0, 2], [100_000, 10_000, 2], ZERO, ZERO, ZERO], [300_000, 10_000, 4]),
        ],
        total: group(
          null,
          [[300_000, 10_000, 4], [100_000, 10_000, 2], [100_000, 0, 1], ZERO, ZERO],
          [500_000, 20_000, 7],
        ),
      });
    });

    it('as of the end of September, with the back-dated payment counted on its business date', async () => {
      // MCRTX: M5 (46) in 31-60; M2 closed 09-15, M3 paid 09-30, M4 paid 09-05.
      // AETNA: A5 (20) and A7 (28) in 0-30; A4 (60) and A3's coinsurance (59) in 31-60; A1 (97) in 91-120.
      // BCBSTX: B3 (25) in 0-30; B2 (51) in 31-60; B5 paid on 09-20, though posted after a 10-01 follow-up.
      const { agingReport } = await report(AGING, { asOf: '2026-09-30' });
      expect(agingReport.groups).toEqual([
        group(
          'AETNA',
          [[100_000, 0, 2], [100_000, 10_000, 2], ZERO, [100_000, 0, 1], ZERO],
          [300_000, 10_000, 5],
        ),
        group('BCBSTX', [[100_000, 0, 1], [100_000, 0, 1], ZERO, ZERO, ZERO], [200_000, 0, 2]),
        group('MCRTX', [ZERO, [100_000, 0, 1], ZERO, ZERO, ZERO], [100_000, 0, 1]),
      ]);
      expect(agingReport.total).toEqual(
        group(
          null,
          [[200_000, 0, 3], [300_000, 10_000, 4], ZERO, [100_000, 0, 1], ZERO],
          [600_000, 10_000, 8],
        ),
      );
    });

    it('as of the end of September, aged from submission and not grouped', async () => {
      // A4 (27), A5 (18), A7 (25), B3 (22) in 0-30; M5 (41), B2 (49), A3 (56, patient) in 31-60; A1 (82) in 61-90.
      const { agingReport } = await report(AGING, {
        asOf: '2026-09-30',
        basis: 'SUBMISSION_DATE',
        groupBy: 'NONE',
      });
      const total = group(
        null,
        [[300_000, 0, 4], [200_000, 10_000, 3], [100_000, 0, 1], ZERO, ZERO],
        [600_000, 10_000, 8],
      );
      expect(agingReport.groups).toEqual([total]);
      expect(agingReport.total).toEqual(total);
    });

    it('as the system knew it on September 30: nothing, since every event of this book was recorded later', async () => {
      const { agingReport } = await report(AGING, { asOf: '2026-09-30', timeBasis: 'RECORDED' });
      expect(agingReport.groups).toEqual([]);
      expect(agingReport.total.total).toMatchObject({ totalCents: 0, claims: 0 });
    });

    it('today (October 31) by provider: the voided claim is out, paid claims too', async () => {
      // Open: M5 (77 days), A1 (128), A3 coinsurance (90), A4 (91), A6 (21), A7 (59), B3 (56). NPI_B: A3 only
      // (A2 and A5 are paid).
      const { agingReport } = await report(AGING, { groupBy: 'PROVIDER' });
      expect(agingReport.asOf).toBe('2026-10-31');
      expect(agingReport.groups).toEqual([
        group(
          NPI_A,
          [
            [100_000, 0, 1],
            [150_000, 0, 2],
            [100_000, 0, 1],
            [100_000, 0, 1],
            [100_000, 0, 1],
          ],
          [550_000, 0, 6],
        ),
        group(NPI_B, [ZERO, ZERO, [0, 10_000, 1], ZERO, ZERO], [0, 10_000, 1]),
      ]);
    });
  });

  it('denialTrends by month, payer and reason, with appeals, overturns and the initial denial rate', async () => {
    // First decisions per month: July M1, M2, A1; August M3, A2, A3, B1; September M4, B2, A4, B5, A7;
    // October A5, B4 (by payer: Sep AETNA 2, BCBSTX 2, MCRTX 1).
    const query = `query D($g: DenialGroupBy, $at: String) { denialTrends(from: "2026-07-01", to: "2026-10-31", groupBy: $g, atLeastPosition: $at) {
      period payerId reason denials deniedCents appealed overturned overturnRate initialDenials claimsAdjudicated initialDenialRate } }`;
    const row = (
      period: string,
      payerId: string | null,
      reason: string | null,
      [denials, deniedCents, appealed, overturned]: number[],
      overturnRate: number | null,
      [initialDenials, claimsAdjudicated]: number[],
      initialDenialRate: number | null,
    ) => ({
      period,
      payerId,
      reason,
      denials,
      deniedCents,
      appealed,
      overturned,
      overturnRate,
      initialDenials,
      claimsAdjudicated,
      initialDenialRate,
    });
    expect((await report(query, {})).denialTrends).toEqual([
      row('2026-07-01', 'AETNA', 'CO-197', [1, 100_000, 1, 0], 0, [1, 1], 1),
      row('2026-08-01', 'MCRTX', 'CO-50', [1, 100_000, 1, 1], 1, [1, 1], 1),
      row('2026-09-01', 'AETNA', 'CO-16', [2, 150_000, 1, 0], 0, [2, 2], 1),
      row('2026-09-01', 'BCBSTX', 'CO-97', [1, 100_000, 1, 1], 1, [1, 2], 0.5),
    ]);
    expect((await report(query, { g: 'REASON' })).denialTrends).toEqual([
      row('2026-07-01', null, 'CO-197', [1, 100_000, 1, 0], 0, [1, 3], 1 / 3),
      row('2026-08-01', null, 'CO-50', [1, 100_000, 1, 1], 1, [1, 4], 0.25),
      row('2026-09-01', null, 'CO-16', [2, 150_000, 1, 0], 0, [2, 5], 0.4),
      row('2026-09-01', null, 'CO-97', [1, 100_000, 1, 1], 1, [1, 5], 0.2),
    ]);
    const weekly = await report(
      `query W($at: String) { denialTrends(from: "2026-09-01", to: "2026-09-30", granularity: WEEK, groupBy: PAYER, atLeastPosition: $at) { period payerId denials appealed } }`,
      {},
    );
    // B2 on Tuesday 09-01 (week of Monday 08-31), A4 on Sunday 09-20 (week of 09-14), A7 on Friday 09-25 (09-21).
    expect(weekly.denialTrends).toEqual([
      { period: '2026-08-31', payerId: 'BCBSTX', denials: 1, appealed: 1 },
      { period: '2026-09-14', payerId: 'AETNA', denials: 1, appealed: 0 },
      { period: '2026-09-21', payerId: 'AETNA', denials: 1, appealed: 1 },
    ]);
  });

  it('payerResponseTimes by month of submission: count, mean, median and p90 of days', async () => {
    const query = `query R($at: String) { payerResponseTimes(from: "2026-07-01", to: "2026-10-31", atLeastPosition: $at) {
      payerId period
      toAcknowledgement { count mean median p90 } toFirstAdjudication { count mean median p90 }
      toFirstPayment { count mean median p90 } pendDuration { count mean median p90 } } }`;
    const s = (count: number, mean: number | null, median: number | null, p90: number | null) => ({
      count,
      mean,
      median,
      p90,
    });
    const one = (days: number) => s(1, days, days, days);
    const none = s(0, null, null, null);
    const { payerResponseTimes } = await report(query, {});
    expect(payerResponseTimes).toEqual([
      // July: A1 (ack 2, decided 20), A2 (ack 2, decided and paid 19).
      {
        payerId: 'AETNA',
        period: '2026-07-01',
        toAcknowledgement: s(2, 2, 2, 2),
        toFirstAdjudication: s(2, 19.5, 19.5, 19.9),
        toFirstPayment: one(19),
        pendDuration: none,
      },
      {
        payerId: 'AETNA',
        period: '2026-08-01',
        toAcknowledgement: one(1),
        toFirstAdjudication: one(15),
        toFirstPayment: one(15),
        pendDuration: none,
      },
      // September: A4 (ack 1, denied 17), A5 (never acknowledged, paid 23, pended 10 days), A7 (ack 1, denied 20).
      {
        payerId: 'AETNA',
        period: '2026-09-01',
        toAcknowledgement: s(2, 1, 1, 1),
        toFirstAdjudication: s(3, 20, 20, 22.4),
        toFirstPayment: one(23),
        pendDuration: one(10),
      },
      {
        payerId: 'BCBSTX',
        period: '2026-07-01',
        toAcknowledgement: one(5),
        toFirstAdjudication: one(41),
        toFirstPayment: one(41),
        pendDuration: none,
      },
      {
        payerId: 'BCBSTX',
        period: '2026-08-01',
        toAcknowledgement: one(3),
        toFirstAdjudication: one(20),
        toFirstPayment: one(69),
        pendDuration: none,
      },
      // September: B3 (ack 2, no answer), B5 (ack 2, paid 19, back-dated).
      {
        payerId: 'BCBSTX',
        period: '2026-09-01',
        toAcknowledgement: s(2, 2, 2, 2),
        toFirstAdjudication: one(19),
        toFirstPayment: one(19),
        pendDuration: none,
      },
      {
        payerId: 'BCBSTX',
        period: '2026-10-01',
        toAcknowledgement: one(2),
        toFirstAdjudication: one(22),
        toFirstPayment: one(22),
        pendDuration: none,
      },
      // July: M1 (2, 14, 14), M2 (2, 17, 17), M3 (5 after its resubmission, denied 21, paid 77).
      {
        payerId: 'MCRTX',
        period: '2026-07-01',
        toAcknowledgement: s(3, 3, 2, 4.4),
        toFirstAdjudication: s(3, 52 / 3, 17, 20.2),
        toFirstPayment: s(3, 36, 17, 65),
        pendDuration: none,
      },
      // August: M4 (2, 31, 31, pended 10 days), M5 (2, no answer).
      {
        payerId: 'MCRTX',
        period: '2026-08-01',
        toAcknowledgement: s(2, 2, 2, 2),
        toFirstAdjudication: one(31),
        toFirstPayment: one(31),
        pendDuration: one(10),
      },
    ]);
  });

  it('kpis for July to September, each with its numerator and denominator', async () => {
    // AR at 09-30: 610,000. Charges submitted July-September: 1,300,000 over 92 days. Contractual posted: 130,000
    // (A2's reversed 10,000 nets out). Collected: 560,000 (payer 550,000, M2's patient 10,000).
    // 15 claims first submitted, 12 clean (not M3: rejected; M4, A5: pended). 12 first decisions: 6 paid in full
    // on the spot (M1, M2, A3, B1, M4, B5), 5 denials (A1, M3, B2, A4, A7), 1 partial (A2).
    const { kpis } = await report(
      `query K($at: String) { kpis(from: "2026-07-01", to: "2026-09-30", atLeastPosition: $at) {
        daysInAr { value numerator denominator } arOver90Days { value numerator denominator }
        cleanClaimRate { value numerator denominator } firstPassResolutionRate { value numerator denominator }
        denialRate { value numerator denominator } netCollectionRate { value numerator denominator } } }`,
      {},
    );
    const adc = 1_300_000 / 92;
    expect(kpis.daysInAr.numerator).toBe(610_000);
    expect(kpis.daysInAr.denominator).toBeCloseTo(adc, 9);
    expect(kpis.daysInAr.value).toBeCloseTo((610_000 * 92) / 1_300_000, 9);
    expect(kpis.arOver90Days).toEqual({ value: 100_000 / 610_000, numerator: 100_000, denominator: 610_000 });
    expect(kpis.cleanClaimRate).toEqual({ value: 0.8, numerator: 12, denominator: 15 });
    expect(kpis.firstPassResolutionRate).toEqual({ value: 0.5, numerator: 6, denominator: 12 });
    expect(kpis.denialRate).toEqual({ value: 5 / 12, numerator: 5, denominator: 12 });
    expect(kpis.netCollectionRate).toEqual({
      value: 560_000 / 1_170_000,
      numerator: 560_000,
      denominator: 1_170_000,
    });
  });

  it('worklist: what needs work on October 31, most urgent first, paged and by assignee', async () => {
    // A1: appeal level 2 due 11-09 (9 days: tier 1). Then, most dollars first and oldest service first among equals:
    // A4 100,000 (91 days), M5 100,000 (77), B3 100,000 (56), A7 50,000 (59), A3's overdue 10,000. A6 is not due yet
    // (its payer's 21 days end on 11-05); paid and voided claims need nothing.
    const query = `query W($assignee: String, $first: Int, $after: String, $at: String) {
      worklist(assignee: $assignee, first: $first, after: $after, atLeastPosition: $at) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { claimId reason actionableFrom deadline deadlineKind daysToDeadline atStakeCents ageDays } } } }`;
    const first = (await report(query, { first: 4 })).worklist;
    expect(first.totalCount).toBe(6);
    expect(first.edges.map((e: any) => e.node)).toEqual([
      {
        claimId: 'A1',
        reason: 'DENIED',
        actionableFrom: '2026-07-30',
        deadline: '2026-11-09',
        deadlineKind: 'APPEAL',
        daysToDeadline: 9,
        atStakeCents: 100_000,
        ageDays: 128,
      },
      {
        claimId: 'A4',
        reason: 'DENIED',
        actionableFrom: '2026-09-20',
        deadline: '2027-03-19',
        deadlineKind: 'APPEAL',
        daysToDeadline: 139,
        atStakeCents: 100_000,
        ageDays: 91,
      },
      {
        claimId: 'M5',
        reason: 'NO_RESPONSE',
        actionableFrom: '2026-09-19',
        deadline: null,
        deadlineKind: null,
        daysToDeadline: null,
        atStakeCents: 100_000,
        ageDays: 77,
      },
      {
        claimId: 'B3',
        reason: 'NO_RESPONSE',
        actionableFrom: '2026-10-08',
        deadline: null,
        deadlineKind: null,
        daysToDeadline: null,
        atStakeCents: 100_000,
        ageDays: 56,
      },
    ]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await report(query, { first: 4, after: first.pageInfo.endCursor })).worklist;
    expect(
      second.edges.map((e: any) => [e.node.claimId, e.node.reason, e.node.deadline, e.node.atStakeCents]),
    ).toEqual([
      ['A7', 'DENIED', '2026-12-14', 50_000],
      ['A3', 'PATIENT_BALANCE_OVERDUE', null, 10_000],
    ]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const mine = (await report(query, { assignee: 'biller-1' })).worklist;
    expect(mine.edges.map((e: any) => e.node.claimId)).toEqual(['A4', 'A3']);
  });

  it('claims: filtered by payer and open deadline, ordered by balance, paged with stable cursors', async () => {
    const query = `query C($filter: ClaimFilter, $orderBy: ClaimOrder, $after: String, $at: String) {
      claims(first: 2, filter: $filter, orderBy: $orderBy, after: $after, atLeastPosition: $at) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id balances { insuranceBalanceCents patientBalanceCents } } } } }`;
    // AETNA claims with an open deadline on 10-31: A4 (appeal to 2027-03-19), A6 (filing to 2027-01-08), A7 (12-14);
    // A1's appeal closed on 11-09 is still open. By balance, largest first, then claim id descending.
    const filter = { payerId: ['AETNA'], hasOpenDeadline: true };
    const orderBy = { field: 'BALANCE', direction: 'DESC' };
    const page1 = (await report(query, { filter, orderBy })).claims;
    expect(page1.totalCount).toBe(4);
    expect(page1.edges.map((e: any) => e.node.id)).toEqual(['A6', 'A4']);
    const page2 = (await report(query, { filter, orderBy, after: page1.pageInfo.endCursor })).claims;
    expect(page2.edges.map((e: any) => e.node.id)).toEqual(['A1', 'A7']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const patients = (await report(query, { filter: { minPatientBalanceCents: 1 } })).claims;
    expect(patients.edges.map((e: any) => e.node.id)).toEqual(['A3']);
  });

  describe('bad arguments', () => {
    it.each([
      ['to before from', 'denialTrends(from: "2026-09-01", to: "2026-08-01") { period }', 'to'],
      ['a range over five years', 'kpis(from: "2020-01-01", to: "2026-01-02") { from }', 'to'],
      ['an impossible date', 'payerResponseTimes(from: "2026-02-30", to: "2026-03-01") { period }', 'from'],
      ['an as-of date after today', 'agingReport(asOf: "2099-01-01") { asOf }', 'asOf'],
      ['a page size out of range', 'worklist(first: 0) { totalCount }', 'first'],
      ['a malformed cursor', 'worklist(after: "not-a-cursor") { totalCount }', 'after'],
      [
        'an unknown enum value',
        'denialTrends(from: "2026-07-01", to: "2026-07-31", granularity: DAY) { period }',
        'granularity',
      ],
      ['a missing argument', 'kpis(from: "2026-07-01") { from }', 'to'],
    ])('refuses %s with BAD_USER_INPUT naming the argument', async (_label, selection, field) => {
      const result = await api.gql(`{ ${selection} }`);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it('refuses an unknown enum value given in a variable with BAD_USER_INPUT naming the argument', async () => {
      const result = await api.gql(
        'query D($g: Granularity) { denialTrends(from: "2026-07-01", to: "2026-07-31", granularity: $g) { period } }',
        { g: 'DAY' },
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });
});
