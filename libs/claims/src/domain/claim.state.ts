import type {
  Adjustment,
  AppealOutcome,
  FollowUpChannel,
  LineDenial,
  ServiceLine,
  WriteOffReason,
} from './claim.events.js';
import type { AdjustmentGroup, Money, PayerRules } from './claim.money.js';

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
  contractualCents: number;
  otherAdjustmentCents: number;
  patientResponsibilityCents: number;
  deniedCents: number;
  reversed: boolean;
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
}

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
  providerNpi: string;
  payerId: string;
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
export type OpenStatus = Exclude<ClaimStatus, 'NONE' | 'WRITTEN_OFF' | 'CLOSED' | 'VOIDED'>;

export const CLAIM_STATUSES: readonly ClaimStatus[] = [
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
];

export const CLOSED_STATUSES: ReadonlySet<ClaimStatus> = new Set(['WRITTEN_OFF', 'CLOSED', 'VOIDED']);

export const initialClaimState: ClaimState = { status: 'NONE' };
