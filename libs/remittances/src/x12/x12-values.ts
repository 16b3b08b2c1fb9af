// Thirteen integer digits keep cents below Number.MAX_SAFE_INTEGER.
const MAX_WHOLE_DIGITS = 13;
const ZERO = 0x30;
const MINUS = 0x2d;
const POINT = 0x2e;

/**
 * An X12 decimal ("R") amount in integer cents, or undefined when it is not one or has more than
 * two decimals. Digits are converted as integers, never through a float, so "0.29" is 29, not 28.999….
 * Read character by character: a large 835 has hundreds of thousands of amounts, and a regular
 * expression's match and captures were most of the garbage made per amount.
 */
export function parseAmountCents(text: string): number | undefined {
  const negative = text.charCodeAt(0) === MINUS;
  const wholeFrom = negative ? 1 : 0;
  const wholeTo = digitsEnd(text, wholeFrom);
  if (wholeTo - wholeFrom > MAX_WHOLE_DIGITS) return undefined;
  let cents = digitsValue(text, wholeFrom, wholeTo) * 100;
  if (wholeTo === text.length) {
    if (wholeTo === wholeFrom) return undefined;
  } else {
    if (text.charCodeAt(wholeTo) !== POINT) return undefined;
    const fractionTo = digitsEnd(text, wholeTo + 1);
    const decimals = fractionTo - wholeTo - 1;
    if (fractionTo !== text.length || decimals === 0 || decimals > 2) return undefined;
    cents += digitsValue(text, wholeTo + 1, fractionTo) * (decimals === 1 ? 10 : 1);
  }
  return negative && cents !== 0 ? -cents : cents;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** CCYYMMDD as "YYYY-MM-DD", or undefined when it is not a calendar date. */
export function parseDate(text: string): string | undefined {
  if (text.length !== 8 || digitsEnd(text, 0) !== 8) return undefined;
  const year = digitsValue(text, 0, 4);
  const month = digitsValue(text, 4, 6);
  const day = digitsValue(text, 6, 8);
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

/** Where the run of ASCII digits starting at `from` ends. */
function digitsEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

function digitsValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + (text.charCodeAt(i) - ZERO);
  return value;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9;
}
