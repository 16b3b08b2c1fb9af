import type {
  AppealOutcome,
  FollowUpChannel,
  ResubmissionFrequency,
  ServiceLine,
  WriteOffReason,
} from './claim.events.js';
import type { AdjustmentGroup, PayerRules } from './claim.money.js';

/** Business time of the command: resolved by the handler (the caller's occurredAt, else the clock). */
interface Timed {
  occurredAt: string;
}

export type NewServiceLine = Omit<ServiceLine, 'lineNumber'>;

export interface SubmitClaim extends Timed {
  type: 'SubmitClaim';
  claimId: string;
  patientRef: string;
  providerNpi: string;
  payerId: string;
  diagnoses: string[];
  lines: NewServiceLine[];
  /** The payer's rules, looked up by the handler. */
  payerRules: PayerRules;
}

export interface AcknowledgeClaim extends Timed {
  type: 'AcknowledgeClaim';
  payerClaimNumber: string;
  statusCode: string;
}

export interface RejectClaim extends Timed {
  type: 'RejectClaim';
  statusCode: string;
  reason: string;
}

export interface ResubmitClaim extends Timed {
  type: 'ResubmitClaim';
  frequencyCode: ResubmissionFrequency;
  reason: string;
  diagnoses?: string[];
  lines?: NewServiceLine[];
}

export interface PendClaim extends Timed {
  type: 'PendClaim';
  statusCode: string;
  requested: string;
  infoDueDate: string;
}

export interface SubmitAdditionalInfo extends Timed {
  type: 'SubmitAdditionalInfo';
  description: string;
}

export interface LineDenialInput {
  lineNumber: number;
  groupCode: AdjustmentGroup;
  carc: string;
  rarcs: string[];
  deniedAmountCents: number;
}

export interface DenyClaim extends Timed {
  type: 'DenyClaim';
  groupCode: AdjustmentGroup;
  carc: string;
  rarcs: string[];
  deniedAmountCents: number;
  lines: LineDenialInput[];
}

export interface AppealClaim extends Timed {
  type: 'AppealClaim';
  level: number;
  reason: string;
}

export interface DecideAppeal extends Timed {
  type: 'DecideAppeal';
  outcome: AppealOutcome;
}

export interface AdjustmentInput {
  groupCode: AdjustmentGroup;
  carc: string;
  rarcs: string[];
  amountCents: number;
  lineNumber?: number;
}

export interface RecordPayment extends Timed {
  type: 'RecordPayment';
  paymentId: string;
  paidDate: string;
  /** The remittance's billed amount (CLP03); when given it must match what the claim still has at the payer. */
  billedCents?: number;
  paidCents: number;
  allowedCents?: number;
  adjustments: AdjustmentInput[];
}

export interface ReversePayment extends Timed {
  type: 'ReversePayment';
  paymentId: string;
  reason: string;
}

export interface BillPatient extends Timed {
  type: 'BillPatient';
  statementId: string;
  amountCents: number;
  dueDate: string;
}

export interface RecordPatientPayment extends Timed {
  type: 'RecordPatientPayment';
  paymentId: string;
  amountCents: number;
  method?: string;
}

export interface WriteOffBalance extends Timed {
  type: 'WriteOffBalance';
  reason: WriteOffReason;
  note?: string;
}

export interface VoidClaim extends Timed {
  type: 'VoidClaim';
  reason: string;
}

export interface LogFollowUp extends Timed {
  type: 'LogFollowUp';
  channel: FollowUpChannel;
  outcome: string;
  payerReference?: string;
  note?: string;
  nextActionDate?: string;
}

export interface AssignClaim extends Timed {
  type: 'AssignClaim';
  assignee: string;
}

export type ClaimCommand =
  | SubmitClaim
  | AcknowledgeClaim
  | RejectClaim
  | ResubmitClaim
  | PendClaim
  | SubmitAdditionalInfo
  | DenyClaim
  | AppealClaim
  | DecideAppeal
  | RecordPayment
  | ReversePayment
  | BillPatient
  | RecordPatientPayment
  | WriteOffBalance
  | VoidClaim
  | LogFollowUp
  | AssignClaim;

export type ClaimCommandType = ClaimCommand['type'];
