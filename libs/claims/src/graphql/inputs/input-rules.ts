import { applyDecorators } from '@nestjs/common';
import { IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import {
  CARC_PATTERN,
  LIMITS,
  LOCAL_DATE_PATTERN,
  RARC_PATTERN,
  REFERENCE_ID_PATTERN,
} from '../../domain/index.js';

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
export const LocalDate = () =>
  Matches(LOCAL_DATE_PATTERN, { message: '$property must be a date as YYYY-MM-DD' });
export const Cents = (min = 0) => applyDecorators(IsInt(), Min(min), Max(MAX_AMOUNT_CENTS));
export const Optional = IsOptional;
