import { applyDecorators } from '@nestjs/common';
import { IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { LOCAL_DATE_PATTERN } from '../../domain/index.js';

// Shape checks at the edge; the decider checks meaning (balances, deadlines, transitions) again on its own.
export const MAX_AMOUNT_CENTS = 10_000_000_000; // $100M: beyond any single claim

export const StatusCode = () =>
  Matches(/^[A-Z0-9]{1,5}$/, { message: '$property must be 1-5 upper-case letters or digits' });
export const Carc = () =>
  Matches(/^[A-Z]{0,2}\d{1,3}$/, {
    message: '$property must be a claim adjustment reason code (e.g. 45, B7)',
  });
export const Rarcs = () =>
  Matches(/^[A-Z]{1,2}\d{1,4}$/, {
    each: true,
    message: '$property must be remark codes (e.g. N290, MA130)',
  });
export const Reference = () =>
  Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/, {
    message: '$property must be 1-50 letters, digits, dots, dashes or underscores',
  });
export const Text = (max = 500) => Length(1, max, { message: `$property must be 1-${max} characters` });
export const LocalDate = () =>
  Matches(LOCAL_DATE_PATTERN, { message: '$property must be a date as YYYY-MM-DD' });
export const Cents = (min = 0) => applyDecorators(IsInt(), Min(min), Max(MAX_AMOUNT_CENTS));
export const Optional = IsOptional;
