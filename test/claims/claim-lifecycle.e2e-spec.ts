import { startTestApi, type TestApi } from '../support/api-harness.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';

const CLAIM_STATE = `query Claim($id: ID!, $at: String) {
  claim(id: $id, atLeastPosition: $at) {
    status version assignee payerClaimNumber
    balances {
      chargeCents paidCents contractualAdjustmentCents otherAdjustmentCents patientResponsibilityCents
      patientPaidCents insuranceWrittenOffCents patientWrittenOffCents insuranceBalanceCents patientBalanceCents
    }
    deadlines { timelyFiling appeal { level deadline } infoDue }
    denials { carc groupCode rarcs deniedAmountCents }
    appeals { level outcome }
    payments { paymentId paidCents reversed }
    patientStatements { statementId amountCents }
    followUps { channel outcome }
    infoRequest { statusCode requested infoDueDate }
  }
}`;

const mutation = (name: string, input: string) =>
  `mutation Run($input: ${input}!) { ${name}(input: $input) { claimId version position } }`;

describe('the claim lifecycle over HTTP', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api?.close());

  async function run(name: string, input: Record<string, unknown>) {
    const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
    const result = await api.gql(mutation(name, inputType), { input });
    if (result.errors) throw new Error(`${name} failed: ${JSON.stringify(result.errors)}`);
    return result.data![name] as { claimId: string; version: number; position: string };
  }

  async function claimAt(id: string, at: string) {
    const { data, errors } = await api.gql(CLAIM_STATE, { id, at });
    expect(errors).toBeUndefined();
    return data!.claim;
  }

  async function submit(overrides: Record<string, unknown> = {}) {
    const input = submitClaimInput({
      lines: [
        {
          procedureCode: '99215',
          modifiers: [],
          units: 1,
          chargeCents: 100_000,
          diagnosisPointers: [1],
          serviceDate: '2026-03-02',
        },
      ],
      occurredAt: '2026-03-05T12:00:00.000Z',
      ...overrides,
    });
    const result = await api.gql(SUBMIT_CLAIM, { input });
    expect(result.errors).toBeUndefined();
    return input.claimId as string;
  }

  it('works the whole scenario with exact balances at every step', async () => {
    const claimId = await submit();
    const money = (
      paid: number,
      co: number,
      pr: number,
      patientPaid: number,
      insurance: number,
      patient: number,
    ) => ({
      chargeCents: 100_000,
      paidCents: paid,
      contractualAdjustmentCents: co,
      otherAdjustmentCents: 0,
      patientResponsibilityCents: pr,
      patientPaidCents: patientPaid,
      insuranceWrittenOffCents: 0,
      patientWrittenOffCents: 0,
      insuranceBalanceCents: insurance,
      patientBalanceCents: patient,
    });
    const steps: [string, Record<string, unknown>, string, ReturnType<typeof money>][] = [
      [
        'acknowledgeClaim',
        { payerClaimNumber: 'PCN-778', statusCode: 'A1', occurredAt: '2026-03-06T09:00:00Z' },
        'ACCEPTED',
        money(0, 0, 0, 0, 100_000, 0),
      ],
      [
        'pendClaim',
        {
          statusCode: 'R4',
          requested: 'Medical records',
          infoDueDate: '2026-04-10',
          occurredAt: '2026-03-20T09:00:00Z',
        },
        'PENDED',
        money(0, 0, 0, 0, 100_000, 0),
      ],
      [
        'submitAdditionalInfo',
        { description: 'Records faxed', occurredAt: '2026-03-25T09:00:00Z' },
        'ACCEPTED',
        money(0, 0, 0, 0, 100_000, 0),
      ],
      [
        'denyClaim',
        {
          groupCode: 'CO',
          carc: '50',
          rarcs: ['N115'],
          deniedAmountCents: 100_000,
          occurredAt: '2026-04-15T09:00:00Z',
        },
        'DENIED',
        money(0, 0, 0, 0, 100_000, 0),
      ],
      [
        'appealClaim',
        { level: 1, reason: 'Medically necessary: see attached notes', occurredAt: '2026-04-20T09:00:00Z' },
        'APPEALED',
        money(0, 0, 0, 0, 100_000, 0),
      ],
      [
        'decideAppeal',
        { outcome: 'OVERTURNED', occurredAt: '2026-05-20T09:00:00Z' },
        'APPEALED',
        money(0, 0, 0, 0, 100_000, 0),
      ],
      [
        'recordPayment',
        {
          paymentId: 'EFT-5501',
          paidDate: '2026-05-28',
          billedCents: 100_000,
          paidCents: 60_000,
          allowedCents: 75_000,
          adjustments: [
            { groupCode: 'CO', carc: '45', amountCents: 25_000 },
            { groupCode: 'PR', carc: '2', amountCents: 15_000 },
          ],
          occurredAt: '2026-05-28T09:00:00Z',
        },
        'PAID',
        money(60_000, 25_000, 15_000, 0, 0, 15_000),
      ],
      [
        'billPatient',
        {
          statementId: 'ST-1',
          amountCents: 15_000,
          dueDate: '2026-06-30',
          occurredAt: '2026-06-01T09:00:00Z',
        },
        'PATIENT_BILLED',
        money(60_000, 25_000, 15_000, 0, 0, 15_000),
      ],
      [
        'recordPatientPayment',
        { paymentId: 'CARD-9', amountCents: 15_000, method: 'card', occurredAt: '2026-06-10T09:00:00Z' },
        'CLOSED',
        money(60_000, 25_000, 15_000, 15_000, 0, 0),
      ],
    ];
    for (const [name, input, status, balances] of steps) {
      const result = await run(name, { claimId, ...input });
      const claim = await claimAt(claimId, result.position);
      if (name === 'pendClaim') {
        expect(claim.infoRequest).toEqual({
          statusCode: 'R4',
          requested: 'Medical records',
          infoDueDate: '2026-04-10',
        });
        expect(claim.deadlines.infoDue).toBe('2026-04-10');
      }
      expect({ step: name, status: claim.status, balances: claim.balances }).toEqual({
        step: name,
        status,
        balances,
      });
    }
    const final = await claimAt(
      claimId,
      (await api.gql(`{ claimHistory(id: "${claimId}") { position } }`)).data!.claimHistory.at(-1).position,
    );
    expect(final.denials).toEqual([
      { carc: '50', groupCode: 'CO', rarcs: ['N115'], deniedAmountCents: 100_000 },
    ]);
    expect(final.appeals).toEqual([{ level: 1, outcome: 'OVERTURNED' }]);
    expect(final.payerClaimNumber).toBe('PCN-778');
  });

  it('computes deadlines from the payer rules and shows them on the claim', async () => {
    const payerId = 'CIGNA1';
    const upsert = await api.gql(
      `mutation { upsertPayer(input: { payerId: "${payerId}", name: "Commercial One", timelyFilingDays: 90, appealWindowDays: [180, 60], responseDays: 30 }) { payerId timelyFilingDays appealWindowDays } }`,
    );
    expect(upsert.data!.upsertPayer).toEqual({ payerId, timelyFilingDays: 90, appealWindowDays: [180, 60] });
    const claimId = await submit({ payerId });
    const denied = await run('denyClaim', {
      claimId,
      groupCode: 'CO',
      carc: '197',
      deniedAmountCents: 100_000,
      occurredAt: '2026-04-01T10:00:00Z',
    });
    const claim = await claimAt(claimId, denied.position);
    expect(claim.deadlines).toEqual({
      timelyFiling: '2026-05-31',
      appeal: { level: 1, deadline: '2026-09-28' },
      infoDue: null,
    });
    const payers = await api.gql('{ payers { payerId name responseDays } }');
    expect(payers.data!.payers).toContainEqual({ payerId, name: 'Commercial One', responseDays: 30 });
  });

  it('refuses an unbalanced remittance with a clear code and writes nothing', async () => {
    const claimId = await submit();
    const result = await api.gql(mutation('recordPayment', 'RecordPaymentInput'), {
      input: {
        claimId,
        paymentId: 'EFT-1',
        paidDate: '2026-03-20',
        paidCents: 60_000,
        adjustments: [{ groupCode: 'CO', carc: '45', amountCents: 10_000 }],
      },
    });
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REMITTANCE_UNBALANCED',
    });
    const history = await api.gql(`{ claimHistory(id: "${claimId}") { type } }`);
    expect(history.data!.claimHistory).toEqual([{ type: 'ClaimSubmitted' }]);
  });

  it("bills the patient's coinsurance after the appeal of the denied part is upheld (issue 12)", async () => {
    const claimId = await submit();
    await run('acknowledgeClaim', {
      claimId,
      payerClaimNumber: 'P1',
      statusCode: 'A1',
      occurredAt: '2026-03-07T09:00:00Z',
    });
    await run('recordPayment', {
      claimId,
      occurredAt: '2026-03-20T09:00:00Z',
      paymentId: 'EFT-9',
      paidDate: '2026-03-20',
      paidCents: 60_000,
      adjustments: [
        { groupCode: 'CO', carc: '50', amountCents: 30_000 },
        { groupCode: 'PR', carc: '2', amountCents: 10_000 },
      ],
    });
    await run('appealClaim', {
      claimId,
      level: 1,
      reason: 'Medically necessary: see attached notes',
      occurredAt: '2026-04-20T09:00:00Z',
    });
    const upheld = await run('decideAppeal', {
      claimId,
      outcome: 'UPHELD',
      occurredAt: '2026-05-20T09:00:00Z',
    });
    expect((await claimAt(claimId, upheld.position)).status).toBe('DENIED');
    const billed = await run('billPatient', {
      claimId,
      statementId: 'S-9',
      amountCents: 10_000,
      dueDate: '2026-06-30',
      occurredAt: '2026-05-25T09:00:00Z',
    });
    const claim = await claimAt(claimId, billed.position);
    expect(claim.status).toBe('PATIENT_BILLED');
    expect(claim.balances).toMatchObject({ insuranceBalanceCents: 30_000, patientBalanceCents: 10_000 });
  });

  it('restores every balance exactly when a payment is reversed', async () => {
    const claimId = await submit();
    const before = await claimAt(
      claimId,
      (await run('acknowledgeClaim', { claimId, payerClaimNumber: 'P1', statusCode: 'A1' })).position,
    );
    await run('recordPayment', {
      claimId,
      paymentId: 'EFT-7',
      paidDate: '2026-03-20',
      paidCents: 70_000,
      adjustments: [
        { groupCode: 'CO', carc: '45', amountCents: 20_000 },
        { groupCode: 'PR', carc: '1', amountCents: 10_000 },
      ],
    });
    const reversed = await run('reversePayment', {
      claimId,
      paymentId: 'EFT-7',
      reason: 'Payer takeback: coordination of benefits',
    });
    const after = await claimAt(claimId, reversed.position);
    expect(after.status).toBe(before.status);
    expect(after.balances).toEqual(before.balances);
    expect(after.payments).toEqual([{ paymentId: 'EFT-7', paidCents: 70_000, reversed: true }]);
  });

  it('gives one success and 19 CONFLICTs to 20 parallel commands with the same expectedVersion', async () => {
    const claimId = await submit();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.gql(mutation('logFollowUp', 'LogFollowUpInput'), {
          input: { claimId, expectedVersion: 0, channel: 'PHONE', outcome: `call ${i}` },
        }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const conflicts = results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(conflicts).toHaveLength(19);
    const history = await api.gql(`{ claimHistory(id: "${claimId}") { type } }`);
    expect(history.data!.claimHistory).toHaveLength(2);
  });

  it('retries without expectedVersion so that every reported success is in the stream exactly once', async () => {
    const claimId = await submit();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.gql(mutation('logFollowUp', 'LogFollowUpInput'), {
          input: { claimId, channel: 'PORTAL', outcome: `check ${i}`, commandId: `fu-${claimId}-${i}` },
        }),
      ),
    );
    const succeeded = results.filter((r) => !r.errors).map((r) => r.data!.logFollowUp.version);
    expect(succeeded.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.errors).every((r) => r.errors![0]!.extensions!.code === 'CONFLICT')).toBe(
      true,
    );
    const history = await api.gql(`{ claimHistory(id: "${claimId}") { version metadata { commandId } } }`);
    const commandIds = history.data!.claimHistory.slice(1).map((e: any) => e.metadata.commandId);
    expect(new Set(commandIds).size).toBe(commandIds.length);
    expect(commandIds.length).toBe(succeeded.length);
    expect(new Set(succeeded).size).toBe(succeeded.length);
  });

  it('appends once and returns the first result when the same commandId is sent twice', async () => {
    const claimId = await submit();
    const input = { claimId, assignee: 'biller-3', commandId: `assign-${claimId}` };
    const first = await run('assignClaim', input);
    const second = await run('assignClaim', input);
    expect(second).toEqual(first);
    const history = await api.gql(`{ claimHistory(id: "${claimId}") { type } }`);
    expect(history.data!.claimHistory.map((e: any) => e.type)).toEqual(['ClaimSubmitted', 'ClaimAssigned']);
  });

  it('treats explicit nulls in optional fields as absent', async () => {
    const claimId = await submit();
    const result = await run('logFollowUp', {
      claimId,
      channel: 'EDI_276',
      outcome: 'In process',
      note: null,
      payerReference: null,
      nextActionDate: null,
      expectedVersion: null,
      commandId: null,
      occurredAt: null,
    });
    expect(result.version).toBe(1);
  });

  it('refuses a transition the lifecycle does not allow with INVALID_TRANSITION', async () => {
    const claimId = await submit();
    const result = await api.gql(mutation('billPatient', 'BillPatientInput'), {
      input: { claimId, statementId: 'S-1', amountCents: 100, dueDate: '2026-06-01' },
    });
    expect(result.errors![0]!.extensions!.code).toBe('INVALID_TRANSITION');
  });

  const badInputs: [string, string, Record<string, unknown>, string, string][] = [
    [
      'acknowledgeClaim',
      'AcknowledgeClaimInput',
      { payerClaimNumber: 'x'.repeat(60), statusCode: 'A1' },
      'BAD_USER_INPUT',
      'payerClaimNumber',
    ],
    ['rejectClaim', 'RejectClaimInput', { statusCode: 'a 3', reason: 'bad' }, 'BAD_USER_INPUT', 'statusCode'],
    [
      'resubmitClaim',
      'ResubmitClaimInput',
      { frequency: 'CORRECTED', reason: '' },
      'BAD_USER_INPUT',
      'reason',
    ],
    [
      'pendClaim',
      'PendClaimInput',
      { statusCode: 'R4', requested: 'records', infoDueDate: '2026-13-01' },
      'BAD_USER_INPUT',
      'infoDueDate',
    ],
    [
      'submitAdditionalInfo',
      'SubmitAdditionalInfoInput',
      { description: 'x'.repeat(501) },
      'BAD_USER_INPUT',
      'description',
    ],
    [
      'denyClaim',
      'DenyClaimInput',
      { groupCode: 'CO', carc: 'fifty', deniedAmountCents: 100 },
      'BAD_USER_INPUT',
      'carc',
    ],
    [
      'denyClaim',
      'DenyClaimInput',
      { groupCode: 'CO', carc: '50', deniedAmountCents: -1 },
      'BAD_USER_INPUT',
      'deniedAmountCents',
    ],
    ['appealClaim', 'AppealClaimInput', { level: 9, reason: 'x' }, 'BAD_USER_INPUT', 'level'],
    ['decideAppeal', 'DecideAppealInput', { outcome: 'MAYBE' }, 'BAD_USER_INPUT', 'outcome'],
    [
      'recordPayment',
      'RecordPaymentInput',
      { paymentId: 'E1', paidDate: '2026-03-20', paidCents: 1e13, adjustments: [] },
      'BAD_USER_INPUT',
      'paidCents',
    ],
    [
      'reversePayment',
      'ReversePaymentInput',
      { paymentId: 'no such id!', reason: 'x' },
      'BAD_USER_INPUT',
      'paymentId',
    ],
    [
      'billPatient',
      'BillPatientInput',
      { statementId: 'S1', amountCents: 0, dueDate: '2026-06-01' },
      'BAD_USER_INPUT',
      'amountCents',
    ],
    [
      'recordPatientPayment',
      'RecordPatientPaymentInput',
      { paymentId: 'P1', amountCents: 'ten' },
      'BAD_USER_INPUT',
      'amountCents',
    ],
    ['writeOffBalance', 'WriteOffBalanceInput', { reason: 'BECAUSE' }, 'BAD_USER_INPUT', 'reason'],
    ['voidClaim', 'VoidClaimInput', { reason: 'x'.repeat(501) }, 'BAD_USER_INPUT', 'reason'],
    [
      'logFollowUp',
      'LogFollowUpInput',
      { channel: 'PHONE', outcome: 'ok', nextActionDate: '2026-02-30' },
      'BAD_USER_INPUT',
      'nextActionDate',
    ],
    ['assignClaim', 'AssignClaimInput', { assignee: '' }, 'BAD_USER_INPUT', 'assignee'],
    [
      'assignClaim',
      'AssignClaimInput',
      { assignee: 'biller', occurredAt: 'yesterday' },
      'BAD_USER_INPUT',
      'occurredAt',
    ],
    [
      'assignClaim',
      'AssignClaimInput',
      { assignee: 'biller', occurredAt: '2999-01-01T00:00:00Z' },
      'BAD_USER_INPUT',
      'occurredAt',
    ],
  ];

  it.each(badInputs)(
    '%s refuses bad input (%#) with the field named and writes nothing',
    async (name, type, input, code, field) => {
      const claimId = await submit({ patientRef: 'SECRET-PATIENT-7' });
      const result = await api.gql(mutation(name, type), { input: { claimId, ...input } });
      expect(result.errors![0]!.extensions).toMatchObject({ code, field });
      expect(JSON.stringify(result.errors)).not.toContain('SECRET-PATIENT');
      const history = await api.gql(`{ claimHistory(id: "${claimId}") { type } }`);
      expect(history.data!.claimHistory).toHaveLength(1);
    },
  );

  it('returns NOT_FOUND for a command on an unknown claim', async () => {
    const result = await api.gql(mutation('assignClaim', 'AssignClaimInput'), {
      input: { claimId: 'CLM-missing', assignee: 'biller' },
    });
    expect(result.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });
});
