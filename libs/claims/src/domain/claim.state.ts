import type { AppealOutcome, LineDenial } from './denial-appeal/denial-appeal.events.js';
import type { FollowUpChannel } from './follow-up/follow-up.events.js';
import type { AdjustmentGroup, Money, PayerRules } from './claim.money.js';
import type { StatementCycle, WriteOffReason } from './patient/patient.events.js';
import type { Adjustment, CreditResolved, LinePayment } from './payment/payment.events.js';
import type { SealedValue } from './claim.sealed.js';
import type { ServiceLine } from './submission/submission.events.js';

export interface NoClaim {
  status: 'NONE';
}

export interface Denial {
  groupCode: AdjustmentGroup;
  carc: string;
  rarcs: string[];
  deniedAmountCents: number;
  lines: LineDenial[];
  deniedOn: string;
}

export interface Appeal {
  level: number;
  reason: string;
  appealedOn: string;
  outcome?: AppealOutcome;
  decidedOn?: string;
  /** The denial under appeal: the claim returns to it if the appeal is upheld. */
  denial?: Denial;
}

export interface Payment {
  paymentId: string;
  paidDate: string;
  paidCents: number;
  allowedCents?: number;
  adjustments: Adjustment[];
  /** Service lines as the remittance adjudicated them, when it reported them. */
  lines?: LinePayment[];
  contractualCents: number;
  otherAdjustmentCents: number;
  patientResponsibilityCents: number;
  deniedCents: number;
  reversed: boolean;
  /** Absent for the primary payer's remittances. */
  payer?: 'SECONDARY';
  crossedOverCents?: number;
  /** Status the claim had before this payment: a reversal goes back to it. */
  statusBefore: OpenStatus;
  /** The pend and deadlines the payment ended, restored with statusBefore by a reversal. */
  pendBefore?: Pend;
  deadlinesBefore?: Deadlines;
}

export interface PatientStatement {
  statementId: string;
  amountCents: number;
  dueDate: string;
  billedOn: string;
  /** FIRST, SECOND or FINAL notice; statements folded before cycles existed read as FIRST. */
  cycle?: StatementCycle;
}

export type Refund = Omit<CreditResolved['data'], 'closesClaim'>;

export interface PatientPayment {
  paymentId: string;
  amountCents: number;
  receivedOn: string;
  method?: string;
}

export interface FollowUp {
  channel: FollowUpChannel;
  outcome: string;
  payerReference?: string;
  note?: string;
  nextActionDate?: string;
  loggedAt: string;
}

export interface WriteOff {
  reason: WriteOffReason;
  note?: string;
  insuranceAmountCents: number;
  patientAmountCents: number;
  writtenOffOn: string;
}

export interface Deadlines {
  timelyFiling: string;
  /** The next appeal level that may be filed and its last day, while one is open. */
  appeal?: { level: number; deadline: string };
  /** Due date of information the payer asked for, while the claim is pended. */
  infoDue?: string;
}

/** What every submitted claim carries, whatever its status. */
export interface ClaimRecord {
  claimId: string;
  patientRef: string;
  /** Sealed with the patient's key; opened only at the edge, for a reader. */
  patientIdentity?: SealedValue;
  providerNpi: string;
  payerId: string;
  /** The payer the primary's patient share crosses over to (coordination of benefits). */
  secondaryPayerId?: string;
  payerRules: PayerRules;
  payerClaimNumber?: string;
  serviceDateFrom: string;
  serviceDateTo: string;
  diagnoses: string[];
  lines: ServiceLine[];
  submittedAt: string;
  /** Submissions so far, the first included (resubmissions link to the same claim). */
  submissionCount: number;
  /** True once the payer decided anything (paid or denied); the next decision is then not the first. */
  adjudicated: boolean;
  money: Money;
  deadlines: Deadlines;
  denials: Denial[];
  appeals: Appeal[];
  payments: Payment[];
  statements: PatientStatement[];
  patientPayments: PatientPayment[];
  followUps: FollowUp[];
  writeOffs: WriteOff[];
  /** Credit balances paid back or offset; claims folded before credits existed have none. */
  refunds?: Refund[];
  /** The day the patient balance was referred to a collection agency, after the final notice. */
  collectionsReferredOn?: string;
  assignee?: string;
}

export interface Rejection {
  statusCode: string;
  reason: string;
  rejectedAt: string;
}

export interface Pend {
  statusCode: string;
  requested: string;
  infoDueDate: string;
  pendedAt: string;
}

export type ClaimState =
  | NoClaim
  | (ClaimRecord & { status: 'SUBMITTED' })
  | (ClaimRecord & { status: 'REJECTED'; rejection: Rejection })
  | (ClaimRecord & { status: 'ACCEPTED' })
  | (ClaimRecord & { status: 'PENDED'; pend: Pend })
  | (ClaimRecord & { status: 'DENIED'; denial: Denial })
  | (ClaimRecord & { status: 'APPEALED'; appeal: Appeal })
  | (ClaimRecord & { status: 'PAID' | 'PARTIALLY_PAID' })
  | (ClaimRecord & { status: 'PATIENT_BILLED'; statement: PatientStatement })
  | (ClaimRecord & { status: 'WRITTEN_OFF' | 'CLOSED' | 'VOIDED' });

export type ClaimStatus = ClaimState['status'];
export type ExistingClaim = Exclude<ClaimState, NoClaim>;
export type ExistingStatus = ExistingClaim['status'];
export type OpenStatus = Exclude<ExistingStatus, 'WRITTEN_OFF' | 'CLOSED' | 'VOIDED'>;

/** Every status in lifecycle order; the API's ClaimStatus enum is built from it. */
export const CLAIM_STATUSES = [
  'NONE',
  'SUBMITTED',
  'REJECTED',
  'ACCEPTED',
  'PENDED',
  'DENIED',
  'APPEALED',
  'PAID',
  'PARTIALLY_PAID',
  'PATIENT_BILLED',
  'WRITTEN_OFF',
  'CLOSED',
  'VOIDED',
] as const satisfies readonly ClaimStatus[];

// A status added to ClaimState but left out of the list fails to compile here, naming it: the API cannot miss it.
type UnlistedStatus = Exclude<ClaimStatus, (typeof CLAIM_STATUSES)[number]>;
const _everyStatusListed: [UnlistedStatus] extends [never] ? true : UnlistedStatus = true;

export const CLOSED_STATUSES: ReadonlySet<ClaimStatus> = new Set(['WRITTEN_OFF', 'CLOSED', 'VOIDED']);

export const OPEN_STATUSES: readonly OpenStatus[] = CLAIM_STATUSES.filter(
  (s): s is OpenStatus => s !== 'NONE' && !CLOSED_STATUSES.has(s),
);

export const initialClaimState: ClaimState = { status: 'NONE' };

/** The facts every claim carries, without the fields of its current status. */
export function recordOf(state: ExistingClaim): ClaimRecord {
  const { status: _status, ...rest } = state as ExistingClaim &
    Record<'rejection' | 'pend' | 'denial' | 'appeal' | 'statement', unknown>;
  const { rejection: _r, pend: _p, denial: _d, appeal: _a, statement: _s, ...claim } = rest;
  return claim;
}

/** Deadlines once the status that opened an appeal window or an information request is left. */
export const filingDeadlineOnly = (claim: ClaimRecord): Deadlines => ({
  timelyFiling: claim.deadlines.timelyFiling,
});
