import { RequestValidationError } from '@claimtrail/platform';
import type { PhiAccessFilter } from './phi-access-log.service.js';

export const DEFAULT_PHI_PAGE = 100;
export const MAX_PHI_PAGE = 500;
export const MAX_RANGE_YEARS = 5;

// The claims library's claim id and the identity's actor rules, repeated: the audit log must not depend on claims.
const CLAIM_ID = /^[A-Za-z0-9._-]{1,38}$/;
const ACTOR = /^[A-Za-z0-9][A-Za-z0-9._@:-]{0,99}$/;
const CURSOR_PREFIX = 'phi:';
const EARLIEST = Date.parse('1900-01-01T00:00:00Z');
const LATEST = Date.parse('2200-01-01T00:00:00Z');

export const encodePhiCursor = (id: string): string =>
  Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');

function decodePhiCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^[1-9][0-9]{0,17}$/.test(id) || encodePhiCursor(id) !== cursor)
    throw new RequestValidationError([{ field: 'after', message: 'after is not a cursor of phiAccessLog' }]);
  return id;
}

const yearsBefore = (date: Date, years: number): Date => {
  const before = new Date(date);
  before.setUTCFullYear(before.getUTCFullYear() - years);
  return before;
};

export interface PhiAccessArguments {
  claimId?: string | null;
  actor?: string | null;
  from?: Date | null;
  to?: Date | null;
  first: number;
  after?: string | null;
}

/** The filter of a phiAccessLog query: `to` defaults to now and `from` to five years before `to`. */
export function phiAccessFilter(args: PhiAccessArguments, now: Date): PhiAccessFilter {
  const problem = (field: string, message: string) => new RequestValidationError([{ field, message }]);
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PHI_PAGE)
    throw problem('first', `first must be from 1 to ${MAX_PHI_PAGE}`);
  if (args.claimId != null && !CLAIM_ID.test(args.claimId))
    throw problem('claimId', 'claimId must be a claim id: 1-38 letters, digits, dots, dashes or underscores');
  if (args.actor != null && !ACTOR.test(args.actor))
    throw problem('actor', 'actor must be 1-100 letters, digits or . _ @ : -');
  for (const field of ['from', 'to'] as const) {
    const value = args[field];
    if (value != null && !(value.getTime() >= EARLIEST && value.getTime() < LATEST))
      throw problem(field, `${field} must be an instant from 1900-01-01 to 2199-12-31`);
  }
  const to = args.to ?? now;
  const from = args.from ?? yearsBefore(to, MAX_RANGE_YEARS);
  if (to < from) throw problem('to', 'to must not be before from');
  if (from < yearsBefore(to, MAX_RANGE_YEARS))
    throw problem('from', `from must be at most ${MAX_RANGE_YEARS} years before to`);
  return {
    claimId: args.claimId ?? undefined,
    actor: args.actor ?? undefined,
    from,
    to,
    first: args.first,
    afterId: args.after == null ? undefined : decodePhiCursor(args.after),
  };
}
