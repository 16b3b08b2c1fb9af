// Pure: what each claim of a 277CA means for its claim, as the same claim commands the API sends.
import {
  ACKNOWLEDGED_STATUS_CODES,
  REFERENCE_ID_PATTERN,
  REJECTED_STATUS_CODES,
  type ClaimState,
} from '@claimtrail/claims';
import type { Acknowledgement, ClaimStatus, ClaimStatusReport } from '../x12/claim-acknowledgement.types.js';
import type { Posting } from './remittance-posting.js';

const describe = (s: ClaimStatus): string => [s.category, s.code, s.entity].filter(Boolean).join(':');

/** The claim's decisive status: a rejection over an acknowledgement, accepted (A2) over received (A1). */
function decisive(report: ClaimStatusReport): ClaimStatus | undefined {
  const all = [...report.statuses, ...report.lines.flatMap((l) => l.statuses)];
  return (
    all.find((s) => REJECTED_STATUS_CODES.has(s.category)) ??
    report.statuses.find((s) => s.category === 'A2') ??
    report.statuses.find((s) => s.category === 'A1')
  );
}

/** The command id of a claim's acknowledgement: the same status from the same payer posts once. */
export function acknowledgementCommandId(ack: Acknowledgement, report: ClaimStatusReport): string {
  const status = decisive(report);
  const what = status ? `${describe(status)}:${status.effectiveDate ?? ''}` : 'none';
  return `x12-277ca:${ack.payer.id ?? ack.payer.name}:${report.patientControlNumber}:${what}`;
}

/**
 * A1/A2: the payer took the claim into adjudication (acknowledged, with its claim number, REF*1K). A3, A4, A6-A8:
 * rejected at the front end, with every status code as the reason. A claim already past acknowledgement is left as it
 * is: a 277CA repeats what an earlier one said.
 */
export function acknowledgementPostingFor(report: ClaimStatusReport, state: ClaimState): Posting {
  if (state.status === 'NONE')
    return { refusal: { rule: 'UNKNOWN_CLAIM', message: 'no claim has this patient control number' } };
  const status = decisive(report);
  if (!status)
    return {
      refusal: {
        rule: 'UNSUPPORTED_CLAIM_STATUS',
        message: 'the claim status category is not posted automatically',
      },
    };
  if (REJECTED_STATUS_CODES.has(status.category)) {
    const codes = [...report.statuses, ...report.lines.flatMap((l) => l.statuses)]
      .filter((s) => REJECTED_STATUS_CODES.has(s.category))
      .map(describe);
    return {
      body: {
        type: 'RejectClaim',
        statusCode: status.category,
        reason: `277CA ${[...new Set(codes)].join(', ')}`.slice(0, 500),
      },
    };
  }
  if (ACKNOWLEDGED_STATUS_CODES.has(status.category) && state.status !== 'SUBMITTED')
    return { alreadyDone: true };
  const payerClaimNumber = report.payerClaimNumber;
  if (payerClaimNumber === undefined || !REFERENCE_ID_PATTERN.test(payerClaimNumber))
    return {
      refusal: {
        rule: 'MISSING_PAYER_CLAIM_NUMBER',
        message: 'an acknowledgement needs the payer claim number (REF*1K)',
      },
    };
  return { body: { type: 'AcknowledgeClaim', payerClaimNumber, statusCode: status.category } };
}
