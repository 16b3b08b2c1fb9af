import { RequestValidationError } from '@claimtrail/platform';
import { addDays, isValidLocalDate } from '../../domain/index.js';

const MAX_RANGE_DAYS = 5 * 366;

const refuse = (field: string, rule: string) =>
  new RequestValidationError([{ field, message: `${field} ${rule}` }]);

/** A report's date argument: a real calendar day (YYYY-MM-DD) in the range every date of ClaimTrail keeps to. */
export function reportDate(field: string, value: string): string {
  if (!isValidLocalDate(value)) throw refuse(field, 'must be a calendar date (YYYY-MM-DD) from 1900 to 2199');
  return value;
}

/** A report's period: from no later than to, at most five years long, and not ending after today. */
export function reportRange(from: string, to: string, today: string): { from: string; to: string } {
  reportDate('from', from);
  reportDate('to', to);
  if (to < from) throw refuse('to', 'must not be before from');
  if (addDays(from, MAX_RANGE_DAYS) < to) throw refuse('to', 'must be at most five years after from');
  if (from > today) throw refuse('from', 'must not be after today');
  return { from, to };
}

/** The day a report stands at: today when omitted, never after today. */
export function reportAsOf(value: string | null | undefined, today: string): string {
  if (value === undefined || value === null) return today;
  reportDate('asOf', value);
  if (value > today) throw refuse('asOf', 'must not be after today');
  return value;
}
