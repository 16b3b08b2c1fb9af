import type { AdjustmentGroup, CreditSide, PayerRank } from '../claim.money.js';
import type { SealedValue } from '../claim.sealed.js';
import type { Timed } from '../claim.timed.js';
import type { CreditResolution } from './payment.events.js';

export interface AdjustmentInput {
  groupCode: AdjustmentGroup;
  carc: string;
  rarcs: string[];
  amountCents: number;
  lineNumber?: number;
}

/** A service line as the remittance adjudicated it (835 SVC): what was billed for it and what was paid. */
export interface LinePaymentInput {
  lineNumber: number;
  billedCents: number;
  paidCents: number;
}

export interface RecordPayment extends Timed {
  type: 'RecordPayment';
  paymentId: string;
  paidDate: string;
  /** Who sent the remittance; PRIMARY unless the claim's patient share crossed over to a secondary payer. */
  payer?: PayerRank;
  /** The secondary payer the primary forwarded the claim to (835 CLP02 19/20, NM1*TT): the patient share crosses over. */
  crossoverPayerId?: string;
  /**
   * The remittance's billed amount (CLP03). On a payer's first remittance it must match what the claim still has at
   * that payer, and is taken as that when left out; a later one (late lines, a duplicate) may bill any part of the charge.
   */
  billedCents?: number;
  paidCents: number;
  allowedCents?: number;
  adjustments: AdjustmentInput[];
  /** Line by line, when the remittance reports service lines; their paid amounts add up to at most paidCents. */
  lines?: LinePaymentInput[];
  /** The patient as the remittance names them (835 NM1*QC, NM1*IL), sealed by the sender with the patient's key. */
  patientIdentity?: SealedValue;
}

export interface ReversePayment extends Timed {
  type: 'ReversePayment';
  paymentId: string;
  reason: string;
}

/** A credit balance (money received beyond what was owed) paid back, or offset against another claim by the payer. */
export interface ResolveCredit extends Timed {
  type: 'ResolveCredit';
  refundId: string;
  side: CreditSide;
  method: CreditResolution;
  amountCents: number;
  /** Check number, or the remittance (TRN02) whose PLB withheld the offset. */
  reference?: string;
}

export type PaymentCommand = RecordPayment | ReversePayment | ResolveCredit;
