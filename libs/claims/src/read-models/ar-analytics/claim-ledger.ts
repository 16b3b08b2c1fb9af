import type { RecordedEvent } from '@claimtrail/event-store';
import {
  evolve,
  initialClaimState,
  localDateOf,
  patientBalance,
  primaryBalance,
  secondaryBalance,
  upcastClaimEvent,
  type ClaimState,
} from '../../domain/index.js';

/** One change of a claim's balances, dated by business time (occurredOn) and by when it was recorded. */
export interface BalanceChange {
  occurredOn: string;
  recordedOn: string;
  insuranceCents: number;
  patientCents: number;
  /** Of insuranceCents, the change of what the secondary payer owes; absent in ledgers folded before it: none. */
  secondaryCents?: number;
}

/** One change of a claim's money flows on a business date: what the KPIs sum over a period. */
export interface MoneyChange {
  on: string;
  chargeCents: number;
  paidCents: number;
  patientPaidCents: number;
  contractualCents: number;
}

export interface DenialFact {
  deniedOn: string;
  groupCode: string;
  carc: string;
  deniedCents: number;
  /** The claim's first payer decision was this denial: counts in the initial denial rate. */
  firstAdjudication: boolean;
  appealed: boolean;
  /** An appeal of this denial was decided OVERTURNED or PARTIALLY_OVERTURNED. */
  overturned: boolean;
}

export interface PendFact {
  pendedOn: string;
  /** Information sent, or the payer decided, or the claim was voided. */
  resolvedOn?: string;
}

/**
 * What the reports need to know about one claim, folded from its events alone. Dates are business dates (the
 * event's occurredAt, UTC), except BalanceChange.recordedOn.
 */
export interface ClaimFacts {
  submittedOn: string;
  acknowledgedOn?: string;
  /** Rejected at the front end (277CA/999) before the payer first decided anything. */
  rejectedBeforeAdjudication: boolean;
  /** Pended (information requested) before the payer first decided anything. */
  pendedBeforeAdjudication: boolean;
  firstAdjudicatedOn?: string;
  firstAdjudication?: 'PAID' | 'PARTIALLY_PAID' | 'DENIED';
  /** The first decision paid the claim in full with no denied amount. */
  resolvedOnFirstPass: boolean;
  /** First payment with money in it. */
  firstPaidOn?: string;
  denials: DenialFact[];
  pends: PendFact[];
  balances: BalanceChange[];
  money: MoneyChange[];
}

export interface ClaimLedger {
  state: ClaimState;
  facts?: ClaimFacts;
}

/**
 * What is owed, for aging: a voided claim was cancelled at the payer and leaves AR on the day it is voided; a credit
 * (money to pay back) is not a receivable and has a report of its own, so each side counts only what it owes.
 */
function balancesOf(state: ClaimState): { insurance: number; patient: number; secondary: number } {
  if (state.status === 'NONE' || state.status === 'VOIDED') return { insurance: 0, patient: 0, secondary: 0 };
  const { money } = state;
  const secondary = Math.max(0, secondaryBalance(money));
  return {
    insurance: Math.max(0, primaryBalance(money)) + secondary,
    patient: Math.max(0, patientBalance(money)),
    secondary,
  };
}

const moneyOf = (state: ClaimState) =>
  state.status === 'NONE'
    ? { chargeCents: 0, paidCents: 0, patientPaidCents: 0, contractualCents: 0 }
    : {
        chargeCents: state.money.chargeCents,
        paidCents: state.money.paidCents,
        patientPaidCents: state.money.patientPaidCents,
        contractualCents: state.money.contractualCents,
      };

function resolvePends(pends: PendFact[], on: string): PendFact[] {
  return pends.map((pend) => (pend.resolvedOn === undefined ? { ...pend, resolvedOn: on } : pend));
}

/**
 * Pure: the claim's ledger after one more of its events, folded with the domain's own evolve so that balances are
 * the decider's. Money and balances are recorded as changes, so a back-dated event lands on its own business date.
 */
export function advanceLedger(ledger: ClaimLedger | undefined, recorded: RecordedEvent): ClaimLedger {
  const before = ledger?.state ?? initialClaimState;
  const event = upcastClaimEvent(recorded, before);
  if (!event) return ledger ?? { state: before };
  const after = evolve(before, event);
  if (after.status === 'NONE') return { state: after };
  const on = localDateOf(recorded.metadata.occurredAt);
  const facts: ClaimFacts = ledger?.facts
    ? { ...ledger.facts }
    : {
        submittedOn: on,
        rejectedBeforeAdjudication: false,
        pendedBeforeAdjudication: false,
        resolvedOnFirstPass: false,
        denials: [],
        pends: [],
        balances: [],
        money: [],
      };
  const adjudicated = facts.firstAdjudicatedOn !== undefined;
  switch (event.type) {
    case 'ClaimAcknowledged':
      facts.acknowledgedOn ??= on;
      break;
    case 'ClaimRejected':
      if (!adjudicated) facts.rejectedBeforeAdjudication = true;
      break;
    case 'ClaimPended':
      if (!adjudicated) facts.pendedBeforeAdjudication = true;
      facts.pends = [...facts.pends, { pendedOn: on }];
      break;
    case 'AdditionalInfoSubmitted':
    case 'ClaimVoided':
      facts.pends = resolvePends(facts.pends, on);
      break;
    case 'ClaimDenied':
      facts.pends = resolvePends(facts.pends, on);
      if (!adjudicated) {
        facts.firstAdjudicatedOn = on;
        facts.firstAdjudication = 'DENIED';
      }
      facts.denials = [
        ...facts.denials,
        {
          deniedOn: on,
          groupCode: event.data.groupCode,
          carc: event.data.carc,
          deniedCents: event.data.deniedAmountCents,
          firstAdjudication: !adjudicated,
          appealed: false,
          overturned: false,
        },
      ];
      break;
    case 'ClaimAppealed':
      if (before.status === 'DENIED' && facts.denials.length > 0)
        facts.denials = facts.denials.map((d, i) =>
          i === facts.denials.length - 1 ? { ...d, appealed: true } : d,
        );
      break;
    case 'AppealDecided': {
      const appealed = facts.denials.map((d) => d.appealed).lastIndexOf(true);
      if (event.data.outcome !== 'UPHELD' && appealed >= 0)
        facts.denials = facts.denials.map((d, i) => (i === appealed ? { ...d, overturned: true } : d));
      break;
    }
    case 'ClaimPaid':
      facts.pends = resolvePends(facts.pends, on);
      if (!adjudicated) {
        facts.firstAdjudicatedOn = on;
        facts.firstAdjudication = event.data.outcome;
        facts.resolvedOnFirstPass = event.data.outcome === 'PAID' && event.data.deniedCents === 0;
      }
      if (event.data.paidCents > 0) facts.firstPaidOn ??= on;
      break;
    default:
      break;
  }
  const [was, is] = [balancesOf(before), balancesOf(after)];
  if (was.insurance !== is.insurance || was.patient !== is.patient || was.secondary !== is.secondary) {
    facts.balances = [
      ...facts.balances,
      {
        occurredOn: on,
        recordedOn: recorded.recordedAt.slice(0, 10),
        insuranceCents: is.insurance - was.insurance,
        patientCents: is.patient - was.patient,
        ...(is.secondary !== was.secondary && { secondaryCents: is.secondary - was.secondary }),
      },
    ];
  }
  const [from, to] = [moneyOf(before), moneyOf(after)];
  const change: MoneyChange = {
    on,
    chargeCents: to.chargeCents - from.chargeCents,
    paidCents: to.paidCents - from.paidCents,
    patientPaidCents: to.patientPaidCents - from.patientPaidCents,
    contractualCents: to.contractualCents - from.contractualCents,
  };
  if (change.chargeCents || change.paidCents || change.patientPaidCents || change.contractualCents)
    facts.money = [...facts.money, change];
  return { state: after, facts };
}
