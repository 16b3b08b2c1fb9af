import { applyDecorators } from '@nestjs/common';
import { IsInt, IsOptional, Length, Matches, Max, Min, ValidateBy } from 'class-validator';
import {
  CARC_PATTERN,
  CLAIM_ID_PATTERN,
  INSTANT_RULE,
  isValidInstant,
  isValidLocalDate,
  LIMITS,
  LOCAL_DATE_RULE,
  RARC_PATTERN,
  REFERENCE_ID_PATTERN,
} from '../../domain/index.js';
import { RequestValidationError } from '@claimtrail/platform';

// Shape checks at the edge; the decider checks meaning (balances, deadlines, transitions) again on its own.
export const MAX_AMOUNT_CENTS = LIMITS.maxClaimCents;

export const StatusCode = () =>
  Matches(/^[A-Z0-9]{1,5}$/, { message: '$property must be 1-5 upper-case letters or digits' });
export const Carc = () =>
  Matches(CARC_PATTERN, {
    message: '$property must be a claim adjustment reason code (e.g. 45, B7)',
  });
export const Rarcs = () =>
  Matches(RARC_PATTERN, {
    each: true,
    message: '$property must be remark codes (e.g. N290, MA130)',
  });
export const Reference = () =>
  Matches(REFERENCE_ID_PATTERN, {
    message: '$property must be 1-50 letters, digits, dots, dashes or underscores',
  });
export const Text = (max: number = LIMITS.maxTextLength) =>
  Length(1, max, { message: `$property must be 1-${max} characters` });
/** The domain's own date rules (real calendar dates in LIMITS' range), so the edge and the decider cannot drift. */
export const LocalDate = () =>
  ValidateBy({
    name: 'localDate',
    validator: { validate: isValidLocalDate, defaultMessage: () => `$property ${LOCAL_DATE_RULE}` },
  });
export const Instant = () =>
  ValidateBy({
    name: 'instant',
    validator: { validate: isValidInstant, defaultMessage: () => `$property ${INSTANT_RULE}` },
  });
export const Cents = (min = 0) => applyDecorators(IsInt(), Min(min), Max(MAX_AMOUNT_CENTS));
/** A claim's service line, by its 1-based number. */
export const LineNumber = () => applyDecorators(IsInt(), Min(1), Max(LIMITS.maxLines));
export const Optional = IsOptional;

/** A claim id given to a query: one that no claim can have is the client's mistake, not a lookup. */
export function claimIdArgument(id: string, field = 'id'): string {
  if (!CLAIM_ID_PATTERN.test(id)) {
    const message = `${field} must be a claim id: 1-38 letters, digits, dots, dashes or underscores`;
    throw new RequestValidationError([{ field, message }]);
  }
  return id;
}
