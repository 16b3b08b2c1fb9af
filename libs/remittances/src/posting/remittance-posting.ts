// Pure: what each 835 claim payment (CLP) means for its claim, as the same claim commands the API sends.
import {
  ADJUSTMENT_GROUPS,
  CARC_PATTERN,
  isDenialCarc,
  LIMITS,
  PAYER_ID_PATTERN,
  RARC_PATTERN,
  type AdjustmentGroup,
  type AdjustmentInput,
  type ClaimState,
  type CommandBody,
  type ExistingClaim,
  type LineDenialInput,
  type LinePaymentInput,
  type RemittedIdentity,
} from '@claimtrail/claims';
import type { Cas, Remittance, RemittanceClaim } from '../x12/remittance.types.js';

/** Why a claim payment cannot be posted: a stable rule and a sentence without amounts or patient data. */
export interface PostingRefusal {
  rule: string;
  message: string;
}

/**
 * A command to post, a refusal to work by hand, or nothing to do: the claim already shows what the line says. A
 * payment's `patient` is the identity its CLP loop names, in the clear only until the poster seals it into the command.
 */
export type Posting =
  { body: CommandBody; patient?: RemittedIdentity } | { refusal: PostingRefusal } | { alreadyDone: true };

const refuse = (rule: string, message: string): Posting => ({ refusal: { rule, message } });

/** CLP02: processed as primary (1, 19 forwarded), secondary (2, 20), denied (4), reversal of a previous payment (22). */
const PRIMARY = new Set(['1', '19']);
const SECONDARY = new Set(['2', '20']);
const DENIED = '4';
const REVERSAL = '22';

/** The payment id a remittance gives its claims: its trace number (TRN02) as a reference id. */
export function paymentIdOf(traceNumber: string): string {
  const id = traceNumber.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return (id || 'TRN').slice(0, 50);
}

/** The command id of a claim payment: the same file posts the same ids, so a re-import posts nothing new. */
export const commandIdOf = (remittance: Remittance, claim: RemittanceClaim, occurrence: number): string =>
  `x12-835:${remittance.payer.id}:${remittance.traceNumber}:${claim.patientControlNumber}:${occurrence}`;

/**
 * The command that posts one claim payment of a remittance on the claim as it stands: a payment (the payer's
 * remittance, a secondary's, or a crossover), a denial, or the reversal of an earlier payment.
 */
export function postingFor(
  remittance: Remittance,
  clp: RemittanceClaim,
  state: ClaimState,
  today: string,
): Posting {
  if (state.status === 'NONE') return refuse('UNKNOWN_CLAIM', 'no claim has this patient control number');
  const status = clp.statusCode;
  if (status === REVERSAL) return reversalOf(remittance, clp, state);
  const adjustments = adjustmentsOf(clp, state);
  if ('refusal' in adjustments) return adjustments;
  const active = state.payments.filter((p) => !p.reversed);
  if (status === DENIED && active.length === 0 && clp.paidCents === 0) return denialOf(clp, state);
  if (!PRIMARY.has(status) && !SECONDARY.has(status) && status !== DENIED)
    return refuse('UNSUPPORTED_CLAIM_STATUS', `claim status ${status} is not posted automatically`);
  if (clp.paidCents < 0) return refuse('NEGATIVE_PAYMENT', 'a negative payment must come as a reversal (22)');
  const crossover = clp.crossoverPayer?.id;
  const crossoverPayerId =
    PRIMARY.has(status) && crossover !== undefined && PAYER_ID_PATTERN.test(crossover)
      ? crossover
      : undefined;
  return {
    body: {
      type: 'RecordPayment',
      paymentId: uniquePaymentId(paymentIdOf(remittance.traceNumber), state),
      paidDate: remittance.paymentDate < today ? remittance.paymentDate : today,
      ...(SECONDARY.has(status) && { payer: 'SECONDARY' as const }),
      ...(crossoverPayerId !== undefined && { crossoverPayerId }),
      billedCents: clp.chargeCents,
      paidCents: clp.paidCents,
      adjustments: adjustments.list,
      ...linesOf(clp, state),
    },
    ...identityOf(clp),
  };
}

/** NM1 names and ids are at most 80 characters in the guide; a longer value is not one, and is not kept. */
const MAX_NAME_LENGTH = 80;

/** The patient as the CLP loop names them (NM1*QC, NM1*IL), when it names them at all. */
function identityOf(clp: RemittanceClaim): { patient?: RemittedIdentity } {
  const patient: RemittedIdentity = {};
  for (const part of ['lastName', 'firstName', 'memberId'] as const) {
    const value = clp.patient?.[part];
    if (value !== undefined && value.length <= MAX_NAME_LENGTH) patient[part] = value;
  }
  return Object.keys(patient).length === 0 ? {} : { patient };
}

/** SVC amounts on the claim's lines (REF*6R), once each; lines the claim cannot name stay in the remittance. */
function linesOf(clp: RemittanceClaim, claim: ExistingClaim): { lines?: LinePaymentInput[] } {
  const lines = new Map<number, LinePaymentInput>();
  for (const line of clp.lines) {
    const lineNumber = lineNumberOf(line.lineNumber, claim);
    if (lineNumber === undefined || lines.has(lineNumber) || line.paidCents < 0) continue;
    lines.set(lineNumber, { lineNumber, billedCents: line.chargeCents, paidCents: line.paidCents });
  }
  return lines.size === 0 ? {} : { lines: [...lines.values()] };
}

/** A second payment of the same trace on one claim (a correction after its reversal) gets a suffix. */
function uniquePaymentId(id: string, claim: ExistingClaim): string {
  const taken = new Set(claim.payments.map((p) => p.paymentId));
  if (!taken.has(id)) return id;
  for (let n = 2; ; n++) {
    const candidate = `${id.slice(0, 45)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The payment a reversal takes back: the latest one still standing whose amounts it mirrors. */
function reversalOf(remittance: Remittance, clp: RemittanceClaim, claim: ExistingClaim): Posting {
  const candidates = claim.payments.filter((p) => !p.reversed && p.paidCents === -clp.paidCents);
  const payment = candidates.at(-1);
  if (!payment)
    return refuse(
      'NO_PAYMENT_TO_REVERSE',
      'no payment standing on the claim has the amount this reversal takes back',
    );
  return {
    body: {
      type: 'ReversePayment',
      paymentId: payment.paymentId,
      reason: `Payer reversal (835 claim status 22), trace ${paymentIdOf(remittance.traceNumber)}`,
    },
  };
}

/** A zero-pay denial of a claim the payer had not paid: the largest denying adjustment gives its reason. */
function denialOf(clp: RemittanceClaim, claim: ExistingClaim): Posting {
  const all = [...clp.adjustments, ...clp.lines.flatMap((l) => l.adjustments)];
  const main = [...all].sort((a, b) => rank(b) - rank(a))[0];
  if (!main) return refuse('DENIAL_WITHOUT_REASON', 'a denied claim must carry an adjustment reason');
  const lines: LineDenialInput[] = [];
  for (const line of clp.lines) {
    const lineNumber = lineNumberOf(line.lineNumber, claim);
    const reason = [...line.adjustments].sort((a, b) => rank(b) - rank(a))[0];
    if (lineNumber === undefined || !reason) continue;
    lines.push({
      lineNumber,
      groupCode: reason.groupCode as AdjustmentGroup,
      carc: reason.carc,
      rarcs: rarcsOf(line.rarcs),
      deniedAmountCents: line.chargeCents,
    });
  }
  return {
    body: {
      type: 'DenyClaim',
      groupCode: main.groupCode as AdjustmentGroup,
      carc: main.carc,
      rarcs: rarcsOf([...clp.rarcs, ...clp.lines.flatMap((l) => l.rarcs)]),
      deniedAmountCents: clp.chargeCents,
      lines,
    },
  };
}

/** Denying reasons first, then the larger amount. */
const rank = (cas: Cas): number => (isDenialCarc(cas.carc) ? 1e15 : 0) + cas.amountCents;

const rarcsOf = (codes: readonly string[]): string[] =>
  [...new Set(codes.filter((code) => RARC_PATTERN.test(code)))].slice(0, LIMITS.maxRarcs);

/** REF*6R names the claim's line when it is one of its line numbers; otherwise the adjustment is the claim's. */
function lineNumberOf(lineNumber: number | undefined, claim: ExistingClaim): number | undefined {
  return lineNumber !== undefined && claim.lines.some((l) => l.lineNumber === lineNumber)
    ? lineNumber
    : undefined;
}

function adjustmentsOf(
  clp: RemittanceClaim,
  claim: ExistingClaim,
): { list: AdjustmentInput[] } | { refusal: PostingRefusal } {
  const claimRarcs = rarcsOf(clp.rarcs);
  const list: AdjustmentInput[] = [];
  const add = (cas: Cas, rarcs: string[], lineNumber?: number): PostingRefusal | undefined => {
    if (!(ADJUSTMENT_GROUPS as readonly string[]).includes(cas.groupCode))
      return {
        rule: 'UNSUPPORTED_GROUP_CODE',
        message: `adjustment group ${cas.groupCode} is not posted automatically`,
      };
    if (!CARC_PATTERN.test(cas.carc))
      return { rule: 'BAD_REASON_CODE', message: 'an adjustment reason code is not a CARC' };
    list.push({
      groupCode: cas.groupCode as AdjustmentGroup,
      carc: cas.carc,
      rarcs,
      amountCents: cas.amountCents,
      ...(lineNumber !== undefined && { lineNumber }),
    });
    return undefined;
  };
  for (const cas of clp.adjustments) {
    const refusal = add(cas, claimRarcs);
    if (refusal) return { refusal };
  }
  for (const line of clp.lines) {
    const lineNumber = lineNumberOf(line.lineNumber, claim);
    for (const cas of line.adjustments) {
      const refusal = add(cas, rarcsOf(line.rarcs), lineNumber);
      if (refusal) return { refusal };
    }
  }
  if (list.length > LIMITS.maxAdjustments)
    return {
      refusal: {
        rule: 'TOO_MANY_ADJUSTMENTS',
        message: `a claim can carry at most ${LIMITS.maxAdjustments} adjustments`,
      },
    };
  return { list };
}
