import type {
  AppealDecided,
  ClaimAppealed,
  ClaimDenied,
  ClaimEvent,
  ClaimPaid,
  ClaimResubmitted,
  ClaimSubmitted,
  PaymentReversed,
} from './claim.events.js';
import { addDays, insuranceBalance, isDenialCarc, zeroMoney, type Money } from './claim.money.js';
import type {
  Appeal,
  ClaimRecord,
  ClaimState,
  Deadlines,
  Denial,
  ExistingClaim,
  OpenStatus,
  Payment,
} from './claim.state.js';

/** Total and deterministic: replaying the same events always gives the same state. */
export function evolve(state: ClaimState, event: ClaimEvent): ClaimState {
  if (event.type === 'ClaimSubmitted') return state.status === 'NONE' ? submitted(event.data) : state;
  if (state.status === 'NONE') return state;
  const claim = recordOf(state);
  const filing = { timelyFiling: claim.deadlines.timelyFiling };
  switch (event.type) {
    case 'ClaimAcknowledged':
      return {
        ...claim,
        status: 'ACCEPTED',
        payerClaimNumber: event.data.payerClaimNumber,
        deadlines: filing,
      };
    case 'ClaimRejected':
      return { ...claim, status: 'REJECTED', rejection: { ...event.data }, deadlines: filing };
    case 'ClaimResubmitted':
      return resubmitted(claim, event.data);
    case 'ClaimPended':
      return {
        ...claim,
        status: 'PENDED',
        pend: { ...event.data },
        deadlines: { ...filing, infoDue: event.data.infoDueDate },
      };
    case 'AdditionalInfoSubmitted':
      return { ...claim, status: 'ACCEPTED', deadlines: filing };
    case 'ClaimDenied':
      return denied(claim, event.data);
    case 'ClaimAppealed':
      return appealed(state, claim, event.data);
    case 'AppealDecided':
      return state.status === 'APPEALED' ? appealDecided(claim, state.appeal, event.data) : state;
    case 'ClaimPaid':
      return paid(state, claim, event.data);
    case 'PaymentReversed':
      return paymentReversed(claim, event.data) ?? state;
    case 'PatientBilled': {
      const { transferredFromInsuranceCents, ...statement } = event.data;
      return {
        ...claim,
        status: 'PATIENT_BILLED',
        statement,
        statements: [...claim.statements, statement],
        money: add(claim.money, { patientResponsibilityCents: transferredFromInsuranceCents }),
        deadlines: filing,
      };
    }
    case 'PatientPaymentReceived': {
      const { closesClaim, ...payment } = event.data;
      const next = {
        money: add(claim.money, { patientPaidCents: payment.amountCents }),
        patientPayments: [...claim.patientPayments, payment],
      };
      return closesClaim ? { ...claim, ...next, status: 'CLOSED', deadlines: filing } : { ...state, ...next };
    }
    case 'BalanceWrittenOff': {
      const { statusAfter, ...writeOff } = event.data;
      return {
        ...claim,
        status: statusAfter,
        money: add(claim.money, {
          insuranceWrittenOffCents: writeOff.insuranceAmountCents,
          patientWrittenOffCents: writeOff.patientAmountCents,
        }),
        writeOffs: [...claim.writeOffs, writeOff],
        deadlines: filing,
      };
    }
    case 'ClaimVoided':
      return { ...claim, status: 'VOIDED', deadlines: filing };
    case 'FollowUpLogged':
      return { ...state, followUps: [...claim.followUps, { ...event.data }] };
    case 'ClaimAssigned':
      return { ...state, assignee: event.data.assignee };
    default:
      return state;
  }
}

function submitted(data: ClaimSubmitted['data']): ClaimState {
  return {
    status: 'SUBMITTED',
    claimId: data.claimId,
    patientRef: data.patientRef,
    providerNpi: data.providerNpi,
    payerId: data.payerId,
    payerRules: data.payerRules,
    serviceDateFrom: data.serviceDateFrom,
    serviceDateTo: data.serviceDateTo,
    diagnoses: data.diagnoses,
    lines: data.lines,
    submittedAt: data.submittedAt,
    submissionCount: 1,
    adjudicated: false,
    money: zeroMoney(data.totalChargeCents),
    deadlines: { timelyFiling: data.timelyFilingDeadline },
    denials: [],
    appeals: [],
    payments: [],
    statements: [],
    patientPayments: [],
    followUps: [],
    writeOffs: [],
  };
}

/** The facts every claim carries, without the fields of its current status. */
function recordOf(state: ExistingClaim): ClaimRecord {
  const { status: _status, ...rest } = state as ExistingClaim &
    Record<'rejection' | 'pend' | 'denial' | 'appeal' | 'statement', unknown>;
  const { rejection: _r, pend: _p, denial: _d, appeal: _a, statement: _s, ...claim } = rest;
  return claim;
}

function add(money: Money, delta: Partial<Money>, sign: 1 | -1 = 1): Money {
  const next = { ...money };
  for (const key of Object.keys(delta) as (keyof Money)[]) next[key] += sign * (delta[key] ?? 0);
  return next;
}

function resubmitted(claim: ClaimRecord, data: ClaimResubmitted['data']): ClaimState {
  return {
    ...claim,
    status: 'SUBMITTED',
    diagnoses: data.diagnoses ?? claim.diagnoses,
    lines: data.lines ?? claim.lines,
    serviceDateFrom: data.serviceDateFrom,
    serviceDateTo: data.serviceDateTo,
    submissionCount: claim.submissionCount + 1,
    money: { ...claim.money, chargeCents: data.totalChargeCents },
    deadlines: { timelyFiling: addDays(data.serviceDateFrom, claim.payerRules.timelyFilingDays) },
  };
}

function denied(claim: ClaimRecord, data: ClaimDenied['data']): ClaimState {
  const denial: Denial = {
    groupCode: data.groupCode,
    carc: data.carc,
    rarcs: data.rarcs,
    deniedAmountCents: data.deniedAmountCents,
    lines: data.lines,
    deniedOn: data.deniedOn,
  };
  return {
    ...claim,
    status: 'DENIED',
    denial,
    denials: [...claim.denials, denial],
    adjudicated: true,
    deadlines: {
      timelyFiling: claim.deadlines.timelyFiling,
      appeal: { level: data.nextAppealLevel, deadline: data.appealDeadline },
    },
  };
}

function appealed(state: ExistingClaim, claim: ClaimRecord, data: ClaimAppealed['data']): ClaimState {
  const denial = state.status === 'DENIED' ? state.denial : denialOfLatestPayment(claim);
  const appeal: Appeal = {
    level: data.level,
    reason: data.reason,
    appealedOn: data.appealedOn,
    ...(denial && { denial }),
  };
  return {
    ...claim,
    status: 'APPEALED',
    appeal,
    appeals: [...claim.appeals, appeal],
    deadlines: { timelyFiling: claim.deadlines.timelyFiling },
  };
}

/** A partial payment's denied part, as the denial an appeal contests. */
function denialOfLatestPayment(claim: ClaimRecord): Denial | undefined {
  const payment = claim.payments.filter((p) => !p.reversed).at(-1);
  if (!payment) return undefined;
  const denials = payment.adjustments.filter((a) => a.groupCode !== 'PR' && isDenialCarc(a.carc));
  const first = denials[0] ?? payment.adjustments.find((a) => a.groupCode !== 'PR');
  return {
    groupCode: first?.groupCode ?? 'CO',
    carc: first?.carc ?? '',
    rarcs: [...new Set(denials.flatMap((a) => a.rarcs))],
    deniedAmountCents: insuranceBalance(claim.money),
    lines: denials.flatMap((a) =>
      a.lineNumber === undefined
        ? []
        : [
            {
              lineNumber: a.lineNumber,
              groupCode: a.groupCode,
              carc: a.carc,
              rarcs: a.rarcs,
              deniedAmountCents: a.amountCents,
            },
          ],
    ),
    deniedOn: payment.paidDate,
  };
}

function appealDecided(claim: ClaimRecord, appeal: Appeal, data: AppealDecided['data']): ClaimState {
  const decided: Appeal = { ...appeal, outcome: data.outcome, decidedOn: data.decidedOn };
  const appeals = [...claim.appeals.slice(0, -1), decided];
  if (data.outcome !== 'UPHELD') return { ...claim, status: 'APPEALED', appeal: decided, appeals };
  const denial: Denial = appeal.denial ??
    claim.denials.at(-1) ?? {
      groupCode: 'CO',
      carc: '',
      rarcs: [],
      deniedAmountCents: insuranceBalance(claim.money),
      lines: [],
      deniedOn: data.decidedOn,
    };
  const next: Deadlines['appeal'] =
    data.nextAppealLevel !== undefined && data.nextAppealDeadline !== undefined
      ? { level: data.nextAppealLevel, deadline: data.nextAppealDeadline }
      : undefined;
  return {
    ...claim,
    status: 'DENIED',
    denial,
    appeals,
    deadlines: { timelyFiling: claim.deadlines.timelyFiling, ...(next && { appeal: next }) },
  };
}

function paid(state: ExistingClaim, claim: ClaimRecord, data: ClaimPaid['data']): ClaimState {
  const payment: Payment = {
    paymentId: data.paymentId,
    paidDate: data.paidDate,
    paidCents: data.paidCents,
    ...(data.allowedCents !== undefined && { allowedCents: data.allowedCents }),
    adjustments: data.adjustments,
    contractualCents: data.contractualCents,
    otherAdjustmentCents: data.otherAdjustmentCents,
    patientResponsibilityCents: data.patientResponsibilityCents,
    deniedCents: data.deniedCents,
    reversed: false,
    statusBefore: state.status as OpenStatus,
    ...(state.status === 'PENDED' && { pendBefore: state.pend }),
    deadlinesBefore: claim.deadlines,
  };
  const appeal =
    data.nextAppealLevel !== undefined && data.appealDeadline !== undefined
      ? { appeal: { level: data.nextAppealLevel, deadline: data.appealDeadline } }
      : {};
  return {
    ...claim,
    status: data.outcome,
    payments: [...claim.payments, payment],
    money: add(claim.money, amountsOf(data)),
    adjudicated: true,
    deadlines: { timelyFiling: claim.deadlines.timelyFiling, ...appeal },
  };
}

const amountsOf = (data: PaymentReversed['data'] | ClaimPaid['data']): Partial<Money> => ({
  paidCents: data.paidCents,
  contractualCents: data.contractualCents,
  otherAdjustmentCents: data.otherAdjustmentCents,
  patientResponsibilityCents: data.patientResponsibilityCents,
});

/** Back to the status the payment found, with the money it moved taken back; undefined if there is no such payment. */
function paymentReversed(claim: ClaimRecord, data: PaymentReversed['data']): ClaimState | undefined {
  const index = claim.payments.findIndex((p) => p.paymentId === data.paymentId && !p.reversed);
  const payment = claim.payments[index];
  if (!payment) return undefined;
  const restored: ClaimRecord = {
    ...claim,
    payments: claim.payments.map((p, i) => (i === index ? { ...p, reversed: true } : p)),
    money: add(claim.money, amountsOf(data), -1),
    deadlines: payment.deadlinesBefore ?? { timelyFiling: claim.deadlines.timelyFiling },
  };
  switch (payment.statusBefore) {
    case 'SUBMITTED':
    case 'ACCEPTED':
      return { ...restored, status: payment.statusBefore };
    case 'PENDED':
      return payment.pendBefore ? { ...restored, status: 'PENDED', pend: payment.pendBefore } : undefined;
    case 'APPEALED': {
      const appeal = claim.appeals.at(-1);
      return appeal ? { ...restored, status: 'APPEALED', appeal } : undefined;
    }
    default:
      return undefined;
  }
}
