import { ClaimError } from '../../domain/index.js';
import type { ClaimSummaryEntity } from './claim-summary.entity.js';
import { decodeCursor, encodeCursor } from './claim-summary.queries.js';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('list cursors', () => {
  it('decodes what encodeCursor made', () => {
    const row = {
      submittedAt: new Date('2026-03-10T15:00:00.000Z'),
      claimId: 'CLM-1001',
    } as ClaimSummaryEntity;
    expect(decodeCursor(encodeCursor(row))).toEqual({
      submittedAt: '2026-03-10T15:00:00.000Z',
      claimId: 'CLM-1001',
    });
  });

  it.each([
    ['an impossible date', encode(['2026-02-30T10:00:00.000Z', 'CLM-1'])],
    ['year 0', encode(['0000-01-01T00:00:00.000Z', 'CLM-1'])],
    ['a year after 2199', encode(['2200-01-01T00:00:00.000Z', 'CLM-1'])],
    ['an instant without a zone', encode(['2026-03-10T10:00:00', 'CLM-1'])],
    ['a NUL in the claim id', encode(['2026-03-10T10:00:00.000Z', 'CLM\u00001'])],
    ['a lone surrogate in the claim id', encode(['2026-03-10T10:00:00.000Z', 'CLM\uD8001'])],
    ['a claim id no claim can have', encode(['2026-03-10T10:00:00.000Z', 'CLM 1'])],
    ['a number for the claim id', encode(['2026-03-10T10:00:00.000Z', 1])],
    ['an object', encode({ submittedAt: '2026-03-10T10:00:00.000Z', claimId: 'CLM-1' })],
    ['three elements', encode(['2026-03-10T10:00:00.000Z', 'CLM-1', 'x'])],
    ['null', encode(null)],
    ['text that is not JSON', Buffer.from('[1,').toString('base64url')],
    ['characters outside base64url', 'WyIy!!'],
    ['a trailing base64 pad', `${encode(['2026-03-10T10:00:00.000Z', 'CLM-1'])}=`],
    ['stray bits after the last byte', 'WyJ'],
    ['a cursor longer than any list makes', 'A'.repeat(201)],
  ])('refuses %s as VALIDATION_FAILED on after', (_label, cursor) => {
    let caught: unknown;
    try {
      decodeCursor(cursor);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ClaimError);
    expect(caught).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
  });
});
