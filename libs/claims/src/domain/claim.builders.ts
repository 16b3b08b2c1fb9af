// Builders with valid defaults, shared by the domain specs and the API's end-to-end tests.
// Defaults tell one story: a $1,000.00 Medicare claim, acknowledged, denied CO-50, appealed, overturned, paid,
// its patient share billed and paid. Each event builder matches what its command builder decides on that path.
import type {
  AcknowledgeClaim,
  AppealClaim,
  AssignClaim,
  BillPatient,
  DecideAppeal,
  DenyClaim,
  LogFollowUp,
  PendClaim,
  RecordPatientPayment,
  RecordPayment,
  RejectClaim,
  ResubmitClaim,
  ReversePayment,
  SubmitAdditionalInfo,
  SubmitClaim,
  VoidClaim,
  WriteOffBalance,
} from './claim.commands.js';
import type {
  AdditionalInfoSubmitted,
  AppealDecided,
  BalanceWrittenOff,
  ClaimAcknowledged,
  ClaimAppealed,
  ClaimAssigned,
  ClaimDenied,
  ClaimEvent,
  ClaimPaid,
  ClaimPended,
  ClaimRejected,
  ClaimResubmitted,
  ClaimSubmitted,
  ClaimVoided,
  FollowUpLogged,
  PatientBilled,
  PatientPaymentReceived,
  PaymentReversed,
} from './claim.events.js';
import { addDays, MEDICARE_RULES } from './claim.money.js';

export const SUBMITTED_AT = '2026-03-10T15:00:00.000Z';

/** Business times of the default story, in order. */
export const AT = {
  submitted: SUBMITTED_AT,
  rejected: '2026-03-11T10:00:00.000Z',
  assigned: '2026-03-11T12:00:00.000Z',
  acknowledged: '2026-03-12T10:00:00.000Z',
  resubmitted: '2026-03-12T10:00:00.000Z',
  voided: '2026-03-15T10:00:00.000Z',
  pended: '2026-03-20T10:00:00.000Z',
  infoSubmitted: '2026-03-25T10:00:00.000Z',
  followUp: '2026-04-01T10:00:00.000Z',
  denied: '2026-04-10T10:00:00.000Z',
  appealed: '2026-04-15T10:00:00.000Z',
  appealDecided: '2026-05-20T10:00:00.000Z',
  paid: '2026-05-28T10:00:00.000Z',
  patientBilled: '2026-06-01T10:00:00.000Z',
  reversed: '2026-06-03T10:00:00.000Z',
  patientPaid: '2026-06-20T10:00:00.000Z',
  writtenOff: '2026-07-15T10:00:00.000Z',
} as const;

const dateOf = (instant: string): string => instant.slice(0, 10);

export function submitClaim(overrides: Partial<SubmitClaim> = {}): SubmitClaim {
  return {
    type: 'SubmitClaim',
    claimId: 'CLM-1001',
    patientRef: 'PT-42',
    providerNpi: '1234567893',
    payerId: 'MCRTX',
    diagnoses: ['E11.9', 'I10'],
    lines: [
      {
        procedureCode: '99214',
        modifiers: ['25'],
        units: 1,
        chargeCents: 60_000,
        diagnosisPointers: [1, 2],
        serviceDate: '2026-03-02',
      },
      {
        procedureCode: '93000',
        modifiers: [],
        units: 1,
        chargeCents: 40_000,
        diagnosisPointers: [2],
        serviceDate: '2026-03-02',
      },
    ],
    payerRules: MEDICARE_RULES,
    occurredAt: SUBMITTED_AT,
    ...overrides,
  };
}

export function claimSubmitted(overrides: Partial<ClaimSubmitted['data']> = {}): ClaimSubmitted {
  const command = submitClaim();
  const serviceDateFrom = overrides.serviceDateFrom ?? '2026-03-02';
  const payerRules = overrides.payerRules ?? MEDICARE_RULES;
  return {
    type: 'ClaimSubmitted',
    data: {
      claimId: command.claimId,
      patientRef: command.patientRef,
      providerNpi: command.providerNpi,
      payerId: command.payerId,
      serviceDateFrom,
      serviceDateTo: '2026-03-02',
      diagnoses: command.diagnoses,
      lines: command.lines.map((line, i) => ({ lineNumber: i + 1, ...line })),
      totalChargeCents: 100_000,
      submittedAt: SUBMITTED_AT,
      payerRules,
      timelyFilingDeadline: addDays(serviceDateFrom, payerRules.timelyFilingDays),
      ...overrides,
    },
  };
}

export const acknowledgeClaim = (overrides: Partial<AcknowledgeClaim> = {}): AcknowledgeClaim => ({
  type: 'AcknowledgeClaim',
  payerClaimNumber: 'PCN-55001',
  statusCode: 'A2',
  occurredAt: AT.acknowledged,
  ...overrides,
});

export const claimAcknowledged = (overrides: Partial<ClaimAcknowledged['data']> = {}): ClaimAcknowledged => ({
  type: 'ClaimAcknowledged',
  data: { payerClaimNumber: 'PCN-55001', statusCode: 'A2', acknowledgedAt: AT.acknowledged, ...overrides },
});

export const rejectClaim = (overrides: Partial<RejectClaim> = {}): RejectClaim => ({
  type: 'RejectClaim',
  statusCode: 'A7',
  reason: 'Subscriber id not found',
  occurredAt: AT.rejected,
  ...overrides,
});

export const claimRejected = (overrides: Partial<ClaimRejected['data']> = {}): ClaimRejected => ({
  type: 'ClaimRejected',
  data: { statusCode: 'A7', reason: 'Subscriber id not found', rejectedAt: AT.rejected, ...overrides },
});

export const resubmitClaim = (overrides: Partial<ResubmitClaim> = {}): ResubmitClaim => ({
  type: 'ResubmitClaim',
  frequencyCode: '1',
  reason: 'Corrected the subscriber id',
  occurredAt: AT.resubmitted,
  ...overrides,
});

export const claimResubmitted = (overrides: Partial<ClaimResubmitted['data']> = {}): ClaimResubmitted => ({
  type: 'ClaimResubmitted',
  data: {
    frequencyCode: '1',
    reason: 'Corrected the subscriber id',
    resubmittedAt: AT.resubmitted,
    totalChargeCents: 100_000,
    serviceDateFrom: '2026-03-02',
    serviceDateTo: '2026-03-02',
    ...overrides,
  },
});

export const pendClaim = (overrides: Partial<PendClaim> = {}): PendClaim => ({
  type: 'PendClaim',
  statusCode: 'R4',
  requested: 'Medical records for the visit',
  infoDueDate: '2026-04-19',
  occurredAt: AT.pended,
  ...overrides,
});

export const claimPended = (overrides: Partial<ClaimPended['data']> = {}): ClaimPended => ({
  type: 'ClaimPended',
  data: {
    statusCode: 'R4',
    requested: 'Medical records for the visit',
    infoDueDate: '2026-04-19',
    pendedAt: AT.pended,
    ...overrides,
  },
});

export const submitAdditionalInfo = (
  overrides: Partial<SubmitAdditionalInfo> = {},
): SubmitAdditionalInfo => ({
  type: 'SubmitAdditionalInfo',
  description: 'Sent the visit notes through the portal',
  occurredAt: AT.infoSubmitted,
  ...overrides,
});

export const additionalInfoSubmitted = (
  overrides: Partial<AdditionalInfoSubmitted['data']> = {},
): AdditionalInfoSubmitted => ({
  type: 'AdditionalInfoSubmitted',
  data: {
    description: 'Sent the visit notes through the portal',
    submittedAt: AT.infoSubmitted,
    ...overrides,
  },
});

export const denyClaim = (overrides: Partial<DenyClaim> = {}): DenyClaim => ({
  type: 'DenyClaim',
  groupCode: 'CO',
  carc: '50',
  rarcs: [],
  deniedAmountCents: 100_000,
  lines: [],
  occurredAt: AT.denied,
  ...overrides,
});

export function claimDenied(overrides: Partial<ClaimDenied['data']> = {}): ClaimDenied {
  const deniedOn = overrides.deniedOn ?? dateOf(AT.denied);
  return {
    type: 'ClaimDenied',
    data: {
      groupCode: 'CO',
      carc: '50',
      rarcs: [],
      deniedAmountCents: 100_000,
      lines: [],
      deniedOn,
      firstAdjudication: true,
      nextAppealLevel: 1,
      appealDeadline: addDays(deniedOn, MEDICARE_RULES.appealWindowDays[0]!),
      ...overrides,
    },
  };
}

export const appealClaim = (overrides: Partial<AppealClaim> = {}): AppealClaim => ({
  type: 'AppealClaim',
  level: 1,
  reason: 'The visit notes document medical necessity',
  occurredAt: AT.appealed,
  ...overrides,
});

export const claimAppealed = (overrides: Partial<ClaimAppealed['data']> = {}): ClaimAppealed => ({
  type: 'ClaimAppealed',
  data: {
    level: 1,
    reason: 'The visit notes document medical necessity',
    appealedOn: dateOf(AT.appealed),
    appealDeadline: claimDenied().data.appealDeadline,
    ...overrides,
  },
});

export const decideAppeal = (overrides: Partial<DecideAppeal> = {}): DecideAppeal => ({
  type: 'DecideAppeal',
  outcome: 'OVERTURNED',
  occurredAt: AT.appealDecided,
  ...overrides,
});

export const appealDecided = (overrides: Partial<AppealDecided['data']> = {}): AppealDecided => ({
  type: 'AppealDecided',
  data: { level: 1, outcome: 'OVERTURNED', decidedOn: dateOf(AT.appealDecided), ...overrides },
});

/** The 835 of the story: $1,000.00 billed, $600.00 paid, $250.00 over the fee schedule, $150.00 coinsurance. */
export const recordPayment = (overrides: Partial<RecordPayment> = {}): RecordPayment => ({
  type: 'RecordPayment',
  paymentId: 'PAY-1',
  paidDate: '2026-05-27',
  paidCents: 60_000,
  adjustments: [
    { groupCode: 'CO', carc: '45', rarcs: [], amountCents: 25_000 },
    { groupCode: 'PR', carc: '2', rarcs: [], amountCents: 15_000 },
  ],
  occurredAt: AT.paid,
  ...overrides,
});

export const claimPaid = (overrides: Partial<ClaimPaid['data']> = {}): ClaimPaid => ({
  type: 'ClaimPaid',
  data: {
    paymentId: 'PAY-1',
    paidDate: '2026-05-27',
    billedCents: 100_000,
    paidCents: 60_000,
    adjustments: [
      { groupCode: 'CO', carc: '45', rarcs: [], amountCents: 25_000 },
      { groupCode: 'PR', carc: '2', rarcs: [], amountCents: 15_000 },
    ],
    contractualCents: 25_000,
    otherAdjustmentCents: 0,
    patientResponsibilityCents: 15_000,
    deniedCents: 0,
    outcome: 'PAID',
    firstAdjudication: true,
    ...overrides,
  },
});

/** A remittance that denies line 2 (CO-50, $200.00, stays in AR) and pays the rest. */
export const recordPartialPayment = (overrides: Partial<RecordPayment> = {}): RecordPayment =>
  recordPayment({
    paidCents: 50_000,
    adjustments: [
      { groupCode: 'CO', carc: '45', rarcs: [], amountCents: 20_000 },
      { groupCode: 'PR', carc: '2', rarcs: [], amountCents: 10_000 },
      { groupCode: 'CO', carc: '50', rarcs: ['N115'], amountCents: 20_000, lineNumber: 2 },
    ],
    ...overrides,
  });

export const claimPartiallyPaid = (overrides: Partial<ClaimPaid['data']> = {}): ClaimPaid =>
  claimPaid({
    paidCents: 50_000,
    adjustments: [
      { groupCode: 'CO', carc: '45', rarcs: [], amountCents: 20_000 },
      { groupCode: 'PR', carc: '2', rarcs: [], amountCents: 10_000 },
      { groupCode: 'CO', carc: '50', rarcs: ['N115'], amountCents: 20_000, lineNumber: 2 },
    ],
    contractualCents: 20_000,
    patientResponsibilityCents: 10_000,
    deniedCents: 20_000,
    outcome: 'PARTIALLY_PAID',
    nextAppealLevel: 1,
    appealDeadline: addDays('2026-05-27', MEDICARE_RULES.appealWindowDays[0]!),
    ...overrides,
  });

export const reversePayment = (overrides: Partial<ReversePayment> = {}): ReversePayment => ({
  type: 'ReversePayment',
  paymentId: 'PAY-1',
  reason: 'Payer takeback, claim status 22',
  occurredAt: AT.reversed,
  ...overrides,
});

export const paymentReversed = (overrides: Partial<PaymentReversed['data']> = {}): PaymentReversed => ({
  type: 'PaymentReversed',
  data: {
    paymentId: 'PAY-1',
    reason: 'Payer takeback, claim status 22',
    reversedOn: dateOf(AT.reversed),
    paidCents: 60_000,
    contractualCents: 25_000,
    otherAdjustmentCents: 0,
    patientResponsibilityCents: 15_000,
    statusAfter: 'ACCEPTED',
    ...overrides,
  },
});

export const billPatient = (overrides: Partial<BillPatient> = {}): BillPatient => ({
  type: 'BillPatient',
  statementId: 'STM-1',
  amountCents: 15_000,
  dueDate: '2026-07-01',
  occurredAt: AT.patientBilled,
  ...overrides,
});

export const patientBilled = (overrides: Partial<PatientBilled['data']> = {}): PatientBilled => ({
  type: 'PatientBilled',
  data: {
    statementId: 'STM-1',
    amountCents: 15_000,
    dueDate: '2026-07-01',
    billedOn: dateOf(AT.patientBilled),
    transferredFromInsuranceCents: 0,
    ...overrides,
  },
});

export const recordPatientPayment = (
  overrides: Partial<RecordPatientPayment> = {},
): RecordPatientPayment => ({
  type: 'RecordPatientPayment',
  paymentId: 'PP-1',
  amountCents: 15_000,
  occurredAt: AT.patientPaid,
  ...overrides,
});

export const patientPaymentReceived = (
  overrides: Partial<PatientPaymentReceived['data']> = {},
): PatientPaymentReceived => ({
  type: 'PatientPaymentReceived',
  data: {
    paymentId: 'PP-1',
    amountCents: 15_000,
    receivedOn: dateOf(AT.patientPaid),
    closesClaim: true,
    ...overrides,
  },
});

export const writeOffBalance = (overrides: Partial<WriteOffBalance> = {}): WriteOffBalance => ({
  type: 'WriteOffBalance',
  reason: 'BAD_DEBT',
  occurredAt: AT.writtenOff,
  ...overrides,
});

export const balanceWrittenOff = (overrides: Partial<BalanceWrittenOff['data']> = {}): BalanceWrittenOff => ({
  type: 'BalanceWrittenOff',
  data: {
    reason: 'BAD_DEBT',
    insuranceAmountCents: 100_000,
    patientAmountCents: 0,
    writtenOffOn: dateOf(AT.writtenOff),
    statusAfter: 'WRITTEN_OFF',
    ...overrides,
  },
});

export const voidClaim = (overrides: Partial<VoidClaim> = {}): VoidClaim => ({
  type: 'VoidClaim',
  reason: 'Billed to the wrong payer',
  occurredAt: AT.voided,
  ...overrides,
});

export const claimVoided = (overrides: Partial<ClaimVoided['data']> = {}): ClaimVoided => ({
  type: 'ClaimVoided',
  data: { reason: 'Billed to the wrong payer', voidedAt: AT.voided, ...overrides },
});

export const logFollowUp = (overrides: Partial<LogFollowUp> = {}): LogFollowUp => ({
  type: 'LogFollowUp',
  channel: 'PHONE',
  outcome: 'Payer confirms the claim is in process',
  payerReference: 'CALL-778',
  nextActionDate: '2026-04-15',
  occurredAt: AT.followUp,
  ...overrides,
});

export const followUpLogged = (overrides: Partial<FollowUpLogged['data']> = {}): FollowUpLogged => ({
  type: 'FollowUpLogged',
  data: {
    channel: 'PHONE',
    outcome: 'Payer confirms the claim is in process',
    payerReference: 'CALL-778',
    nextActionDate: '2026-04-15',
    loggedAt: AT.followUp,
    ...overrides,
  },
});

export const assignClaim = (overrides: Partial<AssignClaim> = {}): AssignClaim => ({
  type: 'AssignClaim',
  assignee: 'biller-7',
  occurredAt: AT.assigned,
  ...overrides,
});

export const claimAssigned = (overrides: Partial<ClaimAssigned['data']> = {}): ClaimAssigned => ({
  type: 'ClaimAssigned',
  data: { assignee: 'biller-7', assignedAt: AT.assigned, ...overrides },
});

/** Histories that reach each status along the default story. */
export const history = {
  submitted: (): ClaimEvent[] => [claimSubmitted()],
  rejected: (): ClaimEvent[] => [claimSubmitted(), claimRejected()],
  accepted: (): ClaimEvent[] => [claimSubmitted(), claimAcknowledged()],
  pended: (): ClaimEvent[] => [...history.accepted(), claimPended()],
  denied: (): ClaimEvent[] => [...history.accepted(), claimDenied()],
  /** Non-covered, the patient signed an advance notice: billable to the patient. */
  deniedToPatient: (): ClaimEvent[] => [...history.accepted(), claimDenied({ groupCode: 'PR', carc: '96' })],
  appealed: (): ClaimEvent[] => [...history.denied(), claimAppealed()],
  overturned: (): ClaimEvent[] => [...history.appealed(), appealDecided()],
  paid: (): ClaimEvent[] => [...history.accepted(), claimPaid()],
  partiallyPaid: (): ClaimEvent[] => [...history.accepted(), claimPartiallyPaid()],
  patientBilled: (): ClaimEvent[] => [...history.paid(), patientBilled()],
  writtenOff: (): ClaimEvent[] => [...history.denied(), balanceWrittenOff()],
  closed: (): ClaimEvent[] => [...history.patientBilled(), patientPaymentReceived()],
  voided: (): ClaimEvent[] => [claimSubmitted(), claimVoided()],
};
