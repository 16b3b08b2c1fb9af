// Formats of the identifiers and codes a claim carries (X12 837 / CMS-1500 conventions).

/** Practice-assigned claim id (CLM01 patient control number allows 38 characters). */
export const CLAIM_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,37}$/;
/** Payer ids on 837 files: 2-10 letters or digits, upper case (e.g. 87726, SX065, MCRTX). */
export const PAYER_ID_PATTERN = /^[A-Z0-9]{2,10}$/;
/** Practice's patient account or MRN reference; PHI, so only its shape is ever checked or reported. */
export const PATIENT_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;
export const NPI_PATTERN = /^\d{10}$/;
/** ICD-10-CM: letter, digit, alphanumeric, then up to four more after an optional dot (U codes included). */
export const ICD10_PATTERN = /^[A-Z]\d[0-9A-Z](\.?[0-9A-Z]{1,4})?$/;
/** CPT (5 digits, or 4 digits and F/T/U) or HCPCS Level II (a letter and 4 digits). */
export const PROCEDURE_CODE_PATTERN = /^(\d{4}[0-9FTU]|[A-V]\d{4})$/;
export const MODIFIER_PATTERN = /^[A-Z0-9]{2}$/;
export const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** Claim adjustment reason code: 1-3 digits, some with a one- or two-letter prefix (45, A1, B7, P12). */
export const CARC_PATTERN = /^[A-Z]{0,2}\d{1,3}$/;
/** Remittance advice remark code (M15, N130, MA130). */
export const RARC_PATTERN = /^[A-Z]{1,2}\d{1,4}$/;
/** Ids the practice or payer assigns to payments, statements, references and users. */
export const REFERENCE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;
/** 277CA claim status categories: A1/A2 acknowledged; A3, A4, A6-A8 (and a 999 'R') rejected at the front end. */
export const ACKNOWLEDGED_STATUS_CODES: ReadonlySet<string> = new Set(['A1', 'A2']);
export const REJECTED_STATUS_CODES: ReadonlySet<string> = new Set(['A3', 'A4', 'A6', 'A7', 'A8', 'R']);
/** 277 categories that hold a claim: P0-P5 pending, R0-R16 request for information. */
export const PENDED_STATUS_CODE_PATTERN = /^(P[0-5]|R(1[0-6]|\d))$/;

/** CARC 23: the impact of the prior payer's adjudication, on a secondary payer's remittance. */
export const PRIOR_PAYER_CARC = '23';

export const LIMITS = {
  maxLines: 50, // an 837P claim carries at most 50 service lines
  maxDiagnoses: 12, // and at most 12 diagnosis codes
  maxModifiers: 4,
  maxPointers: 4,
  maxUnits: 9999,
  maxLineChargeCents: 100_000_000, // $1,000,000.00 per line is far beyond any professional service
  maxClaimCents: 5_000_000_000, // maxLines x maxLineChargeCents: no amount on a claim can be larger
  maxAdjustments: 99,
  maxRarcs: 10,
  maxTextLength: 500,
  // Every date and instant a claim carries: PostgreSQL has no year 0, and no claim predates 1900 or outlives 2199.
  earliestDate: '1900-01-01',
  latestDate: '2199-12-31',
} as const;

/** Luhn check over the NPI with the 80840 health-industry prefix, as CMS specifies. */
export function isValidNpi(npi: string): boolean {
  if (!NPI_PATTERN.test(npi)) return false;
  const digits = `80840${npi}`;
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Date, time and a zone (Z or an offset): without a zone the same text names a different instant on each server. */
export const INSTANT_PATTERN =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export const LOCAL_DATE_RULE = `must be a calendar date (YYYY-MM-DD) from ${LIMITS.earliestDate} to ${LIMITS.latestDate}`;
export const INSTANT_RULE = `must be an ISO-8601 date and time with a zone (Z or +hh:mm), from ${LIMITS.earliestDate} to ${LIMITS.latestDate}`;

const inDateRange = (date: string): boolean => date >= LIMITS.earliestDate && date <= LIMITS.latestDate;

/** A real calendar date in YYYY-MM-DD (rejects 2026-02-30) within LIMITS' date range. */
export function isValidLocalDate(value: unknown): value is string {
  if (typeof value !== 'string' || !LOCAL_DATE_PATTERN.test(value) || !inDateRange(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The calendar date (UTC) of an instant, for comparing service dates with business time. */
export function localDateOf(instant: string): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** An ISO-8601 instant with a zone, on a real calendar date, whose UTC date is within LIMITS' date range too. */
export function isValidInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT_PATTERN.exec(value);
  if (!match || !isValidLocalDate(match[1])) return false;
  const at = Date.parse(value);
  return !Number.isNaN(at) && inDateRange(new Date(at).toISOString().slice(0, 10));
}
