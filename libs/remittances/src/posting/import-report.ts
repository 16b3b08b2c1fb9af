import type { X12Problem } from '../x12/x12-problem.js';
import type { ProviderAdjustment } from '../x12/remittance.types.js';
import type { PlannedPosting, PostingRequest } from './claim-postings.js';
import type { ClaimPostingRecord } from './remittance.events.js';

export interface ImportOptions {
  actor: string;
  /** Post the lines that pass and list the rest as unmatched work, instead of posting nothing. */
  allowPartial?: boolean;
  /** Called as lines are posted, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

export interface RemittanceReport {
  payerId: string;
  payerName: string;
  traceNumber: string;
  paymentMethod: string;
  paymentDate: string;
  totalPaidCents: number;
  providerAdjustmentCents: number;
  providerAdjustments: Omit<ProviderAdjustment, 'position'>[];
  claims: ClaimPostingRecord[];
  claimsPosted: number;
  unmatchedCount: number;
}

export interface ImportCounts {
  claims: number;
  posted: number;
  alreadyPosted: number;
  unmatched: number;
  notPosted: number;
}

/** What an import did; a file with a problem posts nothing (unless allowPartial) and says where and why. */
export interface ImportReport {
  /** Something new was posted. */
  posted: boolean;
  /** Every line had been posted by an earlier import of the same file: nothing new. */
  alreadyImported: boolean;
  remittances: RemittanceReport[];
  /** A file of claim statuses (277CA) has no remittance: its claims are listed here. */
  claims?: ClaimPostingRecord[];
  problems: X12Problem[];
  counts: ImportCounts;
}

/** The lines the plan refused, as problems pointing at their segment. */
export function problemsOf<R extends PostingRequest>(
  plan: readonly PlannedPosting<R>[],
  positionOf: (request: R) => number,
  segment: string,
): X12Problem[] {
  return plan.flatMap((p) =>
    p.refusal
      ? [{ rule: p.refusal.rule, segment, position: positionOf(p.request), message: p.refusal.message }]
      : [],
  );
}

/** What became of a planned line, as its record in the report and the remittance stream shows it. */
export const outcomeOf = ({
  body,
  refusal,
  outcome,
}: PlannedPosting): Pick<ClaimPostingRecord, 'outcome' | 'eventType' | 'rule' | 'message'> => ({
  outcome,
  ...(body && { eventType: body.type }),
  ...(refusal && { rule: refusal.rule, message: refusal.message }),
});

export function countsOf(plan: readonly PlannedPosting[], claims: number): ImportCounts {
  const count = (outcome: ClaimPostingRecord['outcome']) => plan.filter((p) => p.outcome === outcome).length;
  return {
    claims,
    posted: count('POSTED'),
    alreadyPosted: count('ALREADY_POSTED'),
    unmatched: count('UNMATCHED'),
    notPosted: plan.length === 0 ? claims : count('NOT_POSTED'),
  };
}
