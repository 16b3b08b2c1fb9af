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
      order: { field: 'SUBMISSION_DATE', direction: 'DESC' },
      value: '2026-03-10T15:00:00.000Z',
      claimId: 'CLM-1001',
    });
  });

  it('names the order in cursors of other orders, and refuses a sort value of the wrong kind', () => {
    const row = {
      claimId: 'CLM-1001',
      insuranceBalanceCents: 700,
      patientBalanceCents: 300,
    } as ClaimSummaryEntity;
    expect(decodeCursor(encodeCursor(row, { field: 'BALANCE', direction: 'ASC' }))).toEqual({
      order: { field: 'BALANCE', direction: 'ASC' },
      value: 1000,
      claimId: 'CLM-1001',
    });
    for (const bad of [
      ['BALANCE', 'ASC', '1000', 'CLM-1'],
      ['AGE', 'DESC', '2026-02-30', 'CLM-1'],
      ['COLOUR', 'DESC', 1, 'CLM-1'],
      ['BALANCE', 'SIDEWAYS', 1, 'CLM-1'],
    ])
      expect(() => decodeCursor(encode(bad))).toThrow(ClaimError);
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
