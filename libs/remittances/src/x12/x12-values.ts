const AMOUNT = /^(-?)(\d*)(?:\.(\d*))?$/;
// Thirteen integer digits keep cents below Number.MAX_SAFE_INTEGER.
const MAX_WHOLE_DIGITS = 13;

/**
 * An X12 decimal ("R") amount in integer cents, or undefined when it is not one or has more than
 * two decimals. Digits are converted as integers, never through a float, so "0.29" is 29, not 28.999….
 */
export function parseAmountCents(text: string): number | undefined {
  const match = AMOUNT.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '', fraction] = match;
  if (whole === '' && !fraction) return undefined;
  if (fraction !== undefined && (fraction.length === 0 || fraction.length > 2)) return undefined;
  if (whole.length > MAX_WHOLE_DIGITS) return undefined;
  const cents = Number(whole || '0') * 100 + Number((fraction ?? '').padEnd(2, '0'));
  return sign === '-' && cents !== 0 ? -cents : cents;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** CCYYMMDD as "YYYY-MM-DD", or undefined when it is not a calendar date. */
export function parseDate(text: string): string | undefined {
  if (!/^\d{8}$/.test(text)) return undefined;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(4, 6));
  const day = Number(text.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > days) return undefined;
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** A non-negative or negative decimal quantity (units, CAS quantity); not money, so a float is fine. */
export function parseQuantity(text: string): number | undefined {
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : undefined;
}
