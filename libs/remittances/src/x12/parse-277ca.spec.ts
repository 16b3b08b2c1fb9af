import fc from 'fast-check';
import type { Acknowledgement, Parse277Result } from './claim-acknowledgement.types.js';
import { parse277ca } from './parse-277ca.js';
import { fixture } from './x12-fixtures.testing.js';

function acknowledgementOf(result: Parse277Result): Acknowledgement {
  if (!result.ok) throw new Error(`expected no problems, got ${JSON.stringify(result.problems)}`);
  expect(result.acknowledgements).toHaveLength(1);
  return result.acknowledgements[0]!;
}

const problemsOf = (result: Parse277Result) =>
  result.ok ? [] : result.problems.map(({ rule, segment, position }) => ({ rule, segment, position }));

const received = { effectiveDate: '2025-03-10' };

describe('parse277ca', () => {
  it('reads accepted, rejected and invalid-information claims with their statuses, amounts and dates', () => {
    expect(acknowledgementOf(parse277ca(fixture('277ca-accepted-rejected.277')))).toEqual({
      controlNumber: '0201',
      payer: { name: 'ACME HEALTH PLAN', id: 'ACME01' },
      receivedDate: '2025-03-10',
      position: 3,
      claims: [
        {
          patientControlNumber: 'PCN-0001',
          payerClaimNumber: '2025069000001',
          chargeCents: 25000,
          serviceDateFrom: '2025-03-01',
          serviceDateTo: '2025-03-01',
          statuses: [
            { category: 'A1', code: '19', entity: 'PR', ...received, amountCents: 25000 },
            { category: 'A2', code: '20', entity: 'PR', ...received, amountCents: 25000 },
          ],
          lines: [],
          position: 26,
        },
        {
          patientControlNumber: 'PCN-0011',
          chargeCents: 34000,
          serviceDateFrom: '2025-03-03',
          serviceDateTo: '2025-03-04',
          statuses: [
            { category: 'A3', code: '21', ...received, amountCents: 34000 },
            { category: 'A3', code: '164', entity: 'IL', ...received, amountCents: 34000 },
          ],
          lines: [
            {
              procedureCode: '99213',
              chargeCents: 12000,
              statuses: [{ category: 'A3', code: '21', ...received, amountCents: 12000 }],
              position: 39,
            },
            {
              procedureCode: '97110',
              chargeCents: 22000,
              statuses: [{ category: 'A3', code: '21', ...received, amountCents: 22000 }],
              position: 43,
            },
          ],
          position: 33,
        },
        {
          patientControlNumber: 'PCN-0012',
          chargeCents: 18500,
          serviceDateFrom: '2025-03-05',
          serviceDateTo: '2025-03-05',
          statuses: [{ category: 'A7', code: '562', entity: '85', ...received, amountCents: 18500 }],
          lines: [],
          position: 47,
        },
      ],
    });
  });

  it('keeps no patient name or member id', () => {
    const text = JSON.stringify(parse277ca(fixture('277ca-accepted-rejected.277')));
    expect(text).not.toContain('TESTPATIENT');
    expect(text).not.toContain('W000000011');
  });

  it('refuses an 835 as WRONG_TRANSACTION', () => {
    const result = parse277ca(fixture('835-single-claim-payment.835'));
    expect(problemsOf(result)).toEqual([{ rule: 'WRONG_TRANSACTION', segment: 'ST', position: 3 }]);
    expect(result.acknowledgements).toEqual([]);
  });

  it('checks the envelope counts', () => {
    const text = fixture('277ca-accepted-rejected.277').replace('SE*51*0201', 'SE*50*0201');
    expect(problemsOf(parse277ca(text))).toEqual([
      { rule: 'SE_COUNT_MISMATCH', segment: 'SE', position: 53 },
    ]);
  });

  it('reports a claim without its TRN patient control number, a bad amount and a bad date', () => {
    const text = fixture('277ca-accepted-rejected.277')
      .replace('TRN*2*PCN-0012~', 'REF*D9*X~')
      .replace('STC*A3:21*20250310*U*120~', 'STC*A3:21*20251310*U*1.205~');
    expect(problemsOf(parse277ca(text))).toEqual([
      { rule: 'BAD_DATE', segment: 'STC', position: 40 },
      { rule: 'BAD_AMOUNT', segment: 'STC', position: 40 },
      { rule: 'MISSING_SEGMENT', segment: 'TRN', position: 47 },
    ]);
  });

  it('never throws on random text or a corrupted acknowledgement', () => {
    const valid = fixture('277ca-accepted-rejected.277');
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        expect(parse277ca(text).ok).toBe(false);
      }),
    );
    fc.assert(
      fc.property(
        fc.nat({ max: valid.length }),
        fc.nat({ max: valid.length }),
        fc.string(),
        (from, to, noise) => {
          const [a, b] = from <= to ? [from, to] : [to, from];
          expect(Array.isArray(parse277ca(valid.slice(0, a) + noise + valid.slice(b)).acknowledgements)).toBe(
            true,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
