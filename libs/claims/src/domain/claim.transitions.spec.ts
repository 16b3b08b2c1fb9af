// Every (state, command) pair: the lifecycle map from docs/domain, written down here as data, decides which are allowed.
import {
  acknowledgeClaim,
  appealClaim,
  assignClaim,
  billPatient,
  decideAppeal,
  denyClaim,
  given,
  history,
  logFollowUp,
  pendClaim,
  recordPatientPayment,
  recordPayment,
  referToCollections,
  rejectClaim,
  resolveCredit,
  resubmitClaim,
  reversePayment,
  stateOf,
  submitAdditionalInfo,
  submitClaim,
  voidClaim,
  writeOffBalance,
} from '../testing/index.js';
import type { ClaimCommand, ClaimCommandType } from './claim.commands.js';
import { claimDecider } from './claim.decider.js';
import type { ClaimEvent, ClaimEventType } from './claim.events.js';
import { CLAIM_STATUSES } from './claim.state.js';

const STATES = {
  NONE: () => [],
  SUBMITTED: history.submitted,
  REJECTED: history.rejected,
  ACCEPTED: history.accepted,
  PENDED: history.pended,
  'DENIED (CO)': history.denied,
  'DENIED (PR)': history.deniedToPatient,
  'APPEALED (awaiting decision)': history.appealed,
  'APPEALED (overturned)': history.overturned,
  PAID: history.paid,
  PARTIALLY_PAID: history.partiallyPaid,
  PATIENT_BILLED: history.patientBilled,
  WRITTEN_OFF: history.writtenOff,
  CLOSED: history.closed,
  VOIDED: history.voided,
} satisfies Record<string, () => ClaimEvent[]>;
type StateLabel = keyof typeof STATES;

const OPEN: StateLabel[] = (Object.keys(STATES) as StateLabel[]).filter(
  (s) => !['NONE', 'WRITTEN_OFF', 'CLOSED', 'VOIDED'].includes(s),
);

/** The lifecycle table: each command, the event it writes, and the states it is allowed from. */
const LIFECYCLE: Record<ClaimCommandType, [ClaimEventType, StateLabel[]]> = {
  SubmitClaim: ['ClaimSubmitted', ['NONE']],
  AcknowledgeClaim: ['ClaimAcknowledged', ['SUBMITTED']],
  RejectClaim: ['ClaimRejected', ['SUBMITTED']],
  ResubmitClaim: ['ClaimResubmitted', ['REJECTED', 'DENIED (CO)', 'DENIED (PR)', 'PARTIALLY_PAID']],
  PendClaim: ['ClaimPended', ['SUBMITTED', 'ACCEPTED']],
  SubmitAdditionalInfo: ['AdditionalInfoSubmitted', ['PENDED']],
  RecordPayment: [
    'ClaimPaid',
    ['SUBMITTED', 'ACCEPTED', 'PENDED', 'APPEALED (overturned)', 'PAID', 'PARTIALLY_PAID', 'PATIENT_BILLED'],
  ],
  DenyClaim: ['ClaimDenied', ['SUBMITTED', 'ACCEPTED', 'PENDED']],
  AppealClaim: ['ClaimAppealed', ['DENIED (CO)', 'DENIED (PR)', 'PARTIALLY_PAID']],
  DecideAppeal: ['AppealDecided', ['APPEALED (awaiting decision)']],
  ReversePayment: ['PaymentReversed', ['PAID', 'PARTIALLY_PAID', 'PATIENT_BILLED', 'CLOSED']],
  // Needs a credit balance, which no state of the default story has: payment.spec covers where it is allowed.
  ResolveCredit: ['CreditResolved', []],
  BillPatient: ['PatientBilled', ['PAID', 'PARTIALLY_PAID', 'DENIED (PR)', 'PATIENT_BILLED']],
  RecordPatientPayment: ['PatientPaymentReceived', ['PATIENT_BILLED']],
  WriteOffBalance: [
    'BalanceWrittenOff',
    ['DENIED (CO)', 'DENIED (PR)', 'PAID', 'PARTIALLY_PAID', 'PATIENT_BILLED'],
  ],
  // Needs a final notice past due, which no state of the default story has: patient.spec covers it.
  ReferToCollections: ['PatientReferredToCollections', []],
  VoidClaim: ['ClaimVoided', OPEN],
  LogFollowUp: ['FollowUpLogged', OPEN],
  AssignClaim: ['ClaimAssigned', OPEN],
};

// Late enough for every state of the default story, and within its appeal windows.
const occurredAt = '2026-07-01T10:00:00.000Z';
const COMMANDS: Record<ClaimCommandType, (state: StateLabel) => ClaimCommand> = {
  SubmitClaim: () => submitClaim(),
  AcknowledgeClaim: () => acknowledgeClaim({ occurredAt }),
  RejectClaim: () => rejectClaim({ occurredAt }),
  ResubmitClaim: (state) => resubmitClaim({ frequencyCode: state === 'REJECTED' ? '1' : '7', occurredAt }),
  PendClaim: () => pendClaim({ infoDueDate: '2026-07-31', occurredAt }),
  SubmitAdditionalInfo: () => submitAdditionalInfo({ occurredAt }),
  // A claim already paid takes a later remittance, which names the amount it re-adjudicates.
  RecordPayment: (state) =>
    ['PAID', 'PARTIALLY_PAID', 'PATIENT_BILLED'].includes(state)
      ? recordPayment({ paymentId: 'PAY-2', billedCents: 100_000, occurredAt })
      : recordPayment({ occurredAt }),
  DenyClaim: () => denyClaim({ occurredAt }),
  AppealClaim: () => appealClaim({ occurredAt }),
  DecideAppeal: () => decideAppeal({ occurredAt }),
  ReversePayment: () => reversePayment({ occurredAt }),
  ResolveCredit: () => resolveCredit({ occurredAt }),
  BillPatient: () =>
    billPatient({ statementId: 'STM-2', amountCents: 10_000, dueDate: '2026-07-31', occurredAt }),
  RecordPatientPayment: () => recordPatientPayment({ occurredAt }),
  WriteOffBalance: () => writeOffBalance({ occurredAt }),
  ReferToCollections: () => referToCollections({ occurredAt }),
  VoidClaim: () => voidClaim({ occurredAt }),
  LogFollowUp: () => logFollowUp({ nextActionDate: '2026-07-15', occurredAt }),
  AssignClaim: () => assignClaim({ occurredAt }),
};

const pairs = (Object.keys(STATES) as StateLabel[]).flatMap((state) =>
  (Object.keys(COMMANDS) as ClaimCommandType[]).map((command) => ({ state, command })),
);
const allowed = pairs.filter(({ state, command }) => LIFECYCLE[command][1].includes(state));
const refused = pairs.filter(({ state, command }) => !LIFECYCLE[command][1].includes(state));

/** A command on a claim that does not exist is "not found", and a second submission "already exists". */
const refusalCode = (state: StateLabel, command: ClaimCommandType) =>
  command === 'SubmitClaim'
    ? 'CLAIM_ALREADY_EXISTS'
    : state === 'NONE'
      ? 'CLAIM_NOT_FOUND'
      : 'INVALID_TRANSITION';

describe('claim lifecycle table', () => {
  it('covers every claim status', () => {
    const statuses = new Set(Object.values(STATES).map((events) => stateOf(events()).status));
    expect([...statuses].sort()).toEqual([...CLAIM_STATUSES].sort());
  });

  it('has as many pairs as states times the 19 commands', () => {
    expect(Object.keys(COMMANDS)).toHaveLength(19);
    expect(pairs).toHaveLength(Object.keys(STATES).length * 19);
  });

  it.each(allowed)('$state allows $command', ({ state, command }) => {
    const events = claimDecider.decide(COMMANDS[command](state), stateOf(STATES[state]()));
    expect(events.map((e) => e.type)).toEqual([LIFECYCLE[command][0]]);
  });

  it.each(refused)('$state refuses $command, writing nothing', ({ state, command }) => {
    given(STATES[state]()).when(COMMANDS[command](state)).thenThrows(refusalCode(state, command));
  });
});
