import { RequestValidationError } from '@claimtrail/platform';
import { encodePhiCursor, phiAccessFilter } from './phi-access-log.arguments.js';
import { notePhiRead, phiFieldsOf, takePhiReads } from './phi-reads.js';

const NOW = new Date('2026-04-01T12:00:00Z');
const fieldOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof RequestValidationError) return error.problems[0]?.field;
    throw error;
  }
  return undefined;
};

describe('phiAccessFilter', () => {
  it('defaults to the five years up to now', () => {
    expect(phiAccessFilter({ first: 10 }, NOW)).toMatchObject({
      from: new Date('2021-04-01T12:00:00Z'),
      to: NOW,
      first: 10,
      afterId: undefined,
    });
  });

  it('reads back the id of a cursor it gave', () => {
    expect(phiAccessFilter({ first: 10, after: encodePhiCursor('42') }, NOW).afterId).toBe('42');
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 501 }, 'first'],
    [{ first: 1.5 }, 'first'],
    [{ first: 10, from: new Date('2026-02-01Z'), to: new Date('2026-01-01Z') }, 'to'],
    [{ first: 10, from: new Date('2020-12-31Z'), to: new Date('2026-01-01Z') }, 'from'],
    [{ first: 10, from: new Date('nonsense') }, 'from'],
    [{ first: 10, to: new Date('1800-01-01Z') }, 'to'],
    [{ first: 10, after: 'abc' }, 'after'],
    [{ first: 10, after: encodePhiCursor('0') }, 'after'],
    [{ first: 10, after: `${encodePhiCursor('42')}=` }, 'after'],
    [{ first: 10, claimId: 'no spaces' }, 'claimId'],
    [{ first: 10, actor: '-x' }, 'actor'],
  ])('refuses %j naming %s', (args, field) => {
    expect(fieldOf(() => phiAccessFilter(args, NOW))).toBe(field);
  });
});

describe("a request's reads", () => {
  it('are one per operation and claim, with every field read, and are taken once', () => {
    const context = {};
    notePhiRead(context, { claimId: 'A', operation: 'claims', fields: ['patientRef'] });
    notePhiRead(context, { claimId: 'A', operation: 'claims', fields: ['diagnoses'] });
    notePhiRead(context, { claimId: 'A', operation: 'claim', fields: ['patientRef'] });
    notePhiRead(context, { claimId: 'B', operation: 'claims', fields: ['patientRef'] });
    expect(takePhiReads(context)).toEqual([
      { claimId: 'A', operation: 'claims', fields: ['patientRef', 'diagnoses'] },
      { claimId: 'A', operation: 'claim', fields: ['patientRef'] },
      { claimId: 'B', operation: 'claims', fields: ['patientRef'] },
    ]);
    expect(takePhiReads(context)).toEqual([]);
  });

  it('name the patient keys an event carries', () => {
    expect(phiFieldsOf({ patientRef: 'PT-1', diagnoses: ['E11.9'], payerId: 'X' })).toEqual([
      'patientRef',
      'diagnoses',
    ]);
    // Sealed, but still the patient's identity for whoever holds the key: reading it is recorded.
    expect(phiFieldsOf({ patientRef: 'PT-1', patientIdentity: { v: 1 } })).toEqual([
      'patientRef',
      'patientIdentity',
    ]);
    expect(phiFieldsOf({ paidCents: 1 })).toEqual([]);
    expect(phiFieldsOf(null)).toEqual([]);
  });
});
