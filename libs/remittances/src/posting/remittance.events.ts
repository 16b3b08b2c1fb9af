import type { ProviderAdjustment } from '../x12/remittance.types.js';

export const REMITTANCE_STREAM_PREFIX = 'remittance-';

/** One stream per remittance: the payer and its trace number (TRN02) identify it, as they identify the money. */
export const remittanceStreamName = (payerId: string, traceNumber: string): string =>
  `${REMITTANCE_STREAM_PREFIX}${payerId}-${traceNumber}`;

export type ClaimPostingOutcome = 'POSTED' | 'ALREADY_POSTED' | 'UNMATCHED' | 'NOT_POSTED';

/** What became of one claim payment (CLP) of the remittance. */
export interface ClaimPostingRecord {
  /** CLP01, the patient control number: the claim id when the claim is ours. */
  patientControlNumber: string;
  statusCode: string;
  chargeCents: number;
  paidCents: number;
  payerClaimNumber?: string;
  outcome: ClaimPostingOutcome;
  /** The claim event it was posted as. */
  eventType?: string;
  rule?: string;
  message?: string;
  position: number;
}

/** What a remittance's claims came to: posted now or by an earlier import, and left to work by hand. */
export function postingTotals(claims: readonly ClaimPostingRecord[]): {
  claimsPosted: number;
  unmatchedCount: number;
} {
  return {
    claimsPosted: claims.filter((c) => c.outcome === 'POSTED' || c.outcome === 'ALREADY_POSTED').length,
    unmatchedCount: claims.filter((c) => c.outcome === 'UNMATCHED').length,
  };
}

/** A remittance as imported: what the payer paid, how each claim was posted, and what is left to work by hand. */
export interface RemittanceImported {
  type: 'RemittanceImported';
  data: {
    payerId: string;
    payerName: string;
    payeeName: string;
    payeeNpi?: string;
    traceNumber: string;
    paymentMethod: string;
    creditDebit: 'C' | 'D';
    paymentDate: string;
    totalPaidCents: number;
    providerAdjustments: Omit<ProviderAdjustment, 'position'>[];
    claims: ClaimPostingRecord[];
    /** sha256 of the file, to tell a corrected file from the same one sent again. */
    fileSha256: string;
  };
}

export const REMITTANCE_EVENT_VERSIONS = { RemittanceImported: 1 } as const;
