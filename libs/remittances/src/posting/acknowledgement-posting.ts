// Pure: what each claim of a 277CA means for its claim, as the same claim commands the API sends.
import {
  ACKNOWLEDGED_STATUS_CODES,
  addDays,
  PENDED_STATUS_CODE_PATTERN,
  REFERENCE_ID_PATTERN,
  REJECTED_STATUS_CODES,
  type ClaimState,
} from '@claimtrail/claims';
import type { Acknowledgement, ClaimStatus, ClaimStatusReport } from '../x12/claim-acknowledgement.types.js';
import type { Posting } from './remittance-posting.js';

const describe = (s: ClaimStatus): string => [s.category, s.code, s.entity].filter(Boolean).join(':');

/** P3 and P4: the payer asked the provider or the patient for information; the others only say it is pending. */
const INFORMATION_REQUESTED = new Set(['P3', 'P4']);
/** Days given to send requested information when the 277 names no date of its own. */
export const INFO_DUE_DAYS = 30;

/**
 * The claim's decisive status: a rejection over a request for information over an acknowledgement, accepted (A2)
 * over received (A1), then a pending status.
 */
function decisive(report: ClaimStatusReport): ClaimStatus | undefined {
  const all = [...report.statuses, ...report.lines.flatMap((l) => l.statuses)];
  return (
    all.find((s) => REJECTED_STATUS_CODES.has(s.category)) ??
    report.statuses.find((s) => INFORMATION_REQUESTED.has(s.category)) ??
    report.statuses.find((s) => s.category === 'A2') ??
    report.statuses.find((s) => s.category === 'A1') ??
    report.statuses.find((s) => PENDED_STATUS_CODE_PATTERN.test(s.category))
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
 * rejected at the front end, with every status code as the reason. P3/P4: information requested, pended with
 * INFO_DUE_DAYS to answer. A claim already past acknowledgement is left as it
 * is: a 277CA repeats what an earlier one said.
 */
export function acknowledgementPostingFor(
  report: ClaimStatusReport,
  state: ClaimState,
  today: string,
): Posting {
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
  if (INFORMATION_REQUESTED.has(status.category))
    return {
      body: {
        type: 'PendClaim',
        statusCode: status.category,
        requested: `277CA ${describe(status)}`,
        infoDueDate: addDays(today, INFO_DUE_DAYS),
      },
    };
  // Pending without a request (P0-P2, P5) says the payer is working on it: nothing for the claim to record.
  if (PENDED_STATUS_CODE_PATTERN.test(status.category)) return { alreadyDone: true };
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
