import type { AdjustmentGroup } from '../claim.money.js';
import type { Timed } from '../claim.timed.js';

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

export type PaymentCommand = RecordPayment | ReversePayment;
