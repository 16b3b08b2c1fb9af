// Field checks shared by the rules. Each throws VALIDATION_FAILED naming the field and the rule, never the value.
import {
  CARC_PATTERN,
  isValidLocalDate,
  LIMITS,
  LOCAL_DATE_RULE,
  localDateOf,
  PAYER_ID_PATTERN,
  RARC_PATTERN,
  REFERENCE_ID_PATTERN,
} from './claim.codes.js';
import type { ClaimCommandType } from './claim.commands.js';
import { ClaimError, invalid } from './claim.errors.js';
import { ADJUSTMENT_GROUPS, type AdjustmentGroup } from './claim.money.js';
import { textRuleBroken } from './claim.text.js';
import type { ClaimState, ClaimStatus, ExistingClaim } from './claim.state.js';

export const isInt = (n: unknown, min: number, max: number): boolean =>
  Number.isSafeInteger(n) && (n as number) >= min && (n as number) <= max;

export function checkCents(
  field: string,
  value: unknown,
  min: number,
  max: number = LIMITS.maxClaimCents,
): number {
  if (!isInt(value, min, max)) throw invalid(field, `must be whole cents from ${min} to ${max}`);
  return value as number;
}

/** Free text, where a tab or a line break belongs; commands also come from tools that skip the API's checks. */
export function checkText(field: string, value: unknown, max: number = LIMITS.maxTextLength): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max)
    throw invalid(field, `must be text of 1-${max} characters`);
  const broken = textRuleBroken(value, 'multiline');
  if (broken) throw invalid(field, broken);
  return value;
}

export function checkOptionalText(field: string, value: unknown): string | undefined {
  return value === undefined ? undefined : checkText(field, value);
}

export function checkId(field: string, value: unknown): string {
  if (typeof value !== 'string' || !REFERENCE_ID_PATTERN.test(value))
    throw invalid(field, 'must be 1-50 letters, digits, dots, dashes or underscores');
  return value;
}

export function checkPayerId(field: string, value: unknown): string {
  if (typeof value !== 'string' || !PAYER_ID_PATTERN.test(value))
    throw invalid(field, 'must be 2-10 upper-case letters or digits');
  return value;
}

export function checkDate(field: string, value: unknown): string {
  if (!isValidLocalDate(value)) throw invalid(field, LOCAL_DATE_RULE);
  return value;
}

export function checkOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw invalid(field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

export const checkGroup = (field: string, value: unknown): AdjustmentGroup =>
  checkOneOf(field, value, ADJUSTMENT_GROUPS);

export function checkCarc(field: string, value: unknown): string {
  if (typeof value !== 'string' || !CARC_PATTERN.test(value))
    throw invalid(field, 'must be a claim adjustment reason code (CARC)');
  return value;
}

export function checkRarcs(field: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length > LIMITS.maxRarcs)
    throw invalid(field, `must list at most ${LIMITS.maxRarcs} remark codes`);
  value.forEach((rarc, i) => {
    if (typeof rarc !== 'string' || !RARC_PATTERN.test(rarc))
      throw invalid(`${field}[${i}]`, 'must be a remittance advice remark code (RARC)');
  });
  return [...(value as string[])];
}

export function checkList<T>(field: string, value: unknown, max: number): T[] {
  if (!Array.isArray(value) || value.length > max) throw invalid(field, `must list at most ${max} entries`);
  return value as T[];
}

/** The claim, narrowed to the statuses a command is allowed from; otherwise the command is refused. */
export function requireStatus<S extends ClaimStatus>(
  state: ClaimState,
  command: ClaimCommandType,
  allowed: readonly S[],
): ExistingClaim & { status: S } {
  if (state.status === 'NONE') throw new ClaimError('CLAIM_NOT_FOUND', 'No claim with this id was submitted');
  if (!allowed.includes(state.status as S)) {
    throw new ClaimError('INVALID_TRANSITION', `${command} is not allowed when the claim is ${state.status}`);
  }
  return state as ExistingClaim & { status: S };
}

export const refuse = (command: ClaimCommandType, why: string): ClaimError =>
  new ClaimError('INVALID_TRANSITION', `${command} is not allowed: ${why}`);

/** The command's business date; nothing can happen to a claim before it was submitted. */
export function businessDate(occurredAt: string, claim: ExistingClaim): string {
  const today = localDateOf(occurredAt);
  if (today < localDateOf(claim.submittedAt))
    throw invalid('occurredAt', 'must not be before the claim was submitted');
  return today;
}
