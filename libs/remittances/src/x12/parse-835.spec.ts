import fc from 'fast-check';
import { parse835 } from './parse-835.js';
import type { Parse835Result, Remittance } from './remittance.types.js';
import { fixture } from './x12-fixtures.testing.js';

function remittanceOf(result: Parse835Result): Remittance {
  if (!result.ok) throw new Error(`expected no problems, got ${JSON.stringify(result.problems)}`);
  expect(result.remittances).toHaveLength(1);
  return result.remittances[0]!;
}

const problemsOf = (result: Parse835Result) =>
  result.ok ? [] : result.problems.map(({ rule, segment, position }) => ({ rule, segment, position }));

describe('parse835 on well-formed remittances', () => {
  it('reads a claim paid in full after CO-45 and PR-2, line by line', () => {
    expect(remittanceOf(parse835(fixture('835-single-claim-payment.835')))).toEqual({
      controlNumber: '0101',
      payer: { name: 'ACME HEALTH PLAN', id: '1512345678' },
      payee: { name: 'MAPLE STREET FAMILY PRACTICE', npi: '1234567893' },
      traceNumber: 'EFT20250314001',
      paymentMethod: 'ACH',
      totalPaidCents: 16000,
      creditDebit: 'C',
      paymentDate: '2025-03-14',
      providerAdjustments: [],
      position: 3,
      claims: [
        {
          patientControlNumber: 'PCN-0001',
          patient: { lastName: 'TESTPATIENT', firstName: 'ALEX', memberId: 'W000000001' },
          statusCode: '1',
          chargeCents: 25000,
          paidCents: 16000,
          patientResponsibilityCents: 4000,
          filingIndicator: '12',
          payerClaimNumber: '2025073000001',
          adjustments: [],
          rarcs: [],
          position: 17,
          lines: [
            {
              lineNumber: 1,
              procedureCode: '99214',
              modifiers: [],
              chargeCents: 18000,
              paidCents: 11200,
              units: 1,
              serviceDate: '2025-03-01',
              adjustments: [
                { groupCode: 'CO', carc: '45', amountCents: 3600 },
                { groupCode: 'PR', carc: '2', amountCents: 3200 },
              ],
              rarcs: [],
              position: 21,
            },
            {
              lineNumber: 2,
              procedureCode: '36415',
              modifiers: [],
              chargeCents: 7000,
              paidCents: 4800,
              units: 1,
              serviceDate: '2025-03-01',
              adjustments: [
                { groupCode: 'CO', carc: '45', amountCents: 1400 },
                { groupCode: 'PR', carc: '2', amountCents: 800 },
              ],
              rarcs: [],
              position: 27,
            },
          ],
        },
      ],
    });
  });

  it('reads the patient name (NM1*QC) and member id, for posting to seal', () => {
    const [claim] = remittanceOf(parse835(fixture('835-single-claim-payment.835'))).claims;
    expect(claim!.patient).toEqual({ lastName: 'TESTPATIENT', firstName: 'ALEX', memberId: 'W000000001' });
  });

  it("takes the member id from the insured (NM1*IL NM109) over the patient's own", () => {
    const text = fixture('835-single-claim-payment.835').replace(
      'NM1*QC*1*TESTPATIENT*ALEX****MI*W000000001~',
      'NM1*QC*1*TESTPATIENT*ALEX****MI*W000000001~NM1*IL*1*TESTINSURED*SAM****MI*INS0000007~',
    );
    const result = parse835(text.replace(/SE\*(\d+)\*/, (_m, count: string) => `SE*${Number(count) + 1}*`));
    expect(remittanceOf(result).claims[0]!.patient).toEqual({
      lastName: 'TESTPATIENT',
      firstName: 'ALEX',
      memberId: 'INS0000007',
    });
  });

  it('reads a denial: status 4, nothing paid, CO-50 and CO-197 on the lines, no payment', () => {
    const remittance = remittanceOf(parse835(fixture('835-denial.835')));
    expect(remittance).toMatchObject({
      paymentMethod: 'NON',
      totalPaidCents: 0,
      traceNumber: 'NOPAY20250314002',
    });
    const [claim] = remittance.claims;
    expect(claim).toMatchObject({
      patientControlNumber: 'PCN-0002',
      statusCode: '4',
      chargeCents: 42000,
      paidCents: 0,
    });
    expect(claim!.lines.map((l) => [l.procedureCode, l.modifiers, l.units, l.adjustments, l.rarcs])).toEqual([
      ['97110', ['GP'], 4, [{ groupCode: 'CO', carc: '50', amountCents: 30000 }], ['N115']],
      ['97140', ['GP'], 2, [{ groupCode: 'CO', carc: '197', amountCents: 12000 }], []],
    ]);
  });

  it('expands every triplet of a claim-level CAS on a partial payment', () => {
    const remittance = remittanceOf(parse835(fixture('835-partial-payment.835')));
    expect(remittance).toMatchObject({
      paymentMethod: 'CHK',
      totalPaidCents: 44082,
      traceNumber: '0012345678',
    });
    expect(remittance.claims[0]).toEqual({
      patientControlNumber: 'PCN-0003',
      patient: { lastName: 'EXAMPLE', firstName: 'RILEY', memberId: '1EG4TE5MK72' },
      statusCode: '1',
      chargeCents: 100000,
      paidCents: 44082,
      patientResponsibilityCents: 15000,
      filingIndicator: 'MB',
      payerClaimNumber: '2025073000003',
      adjustments: [
        { groupCode: 'CO', carc: '45', amountCents: 40000 },
        { groupCode: 'CO', carc: '253', amountCents: 918 },
        { groupCode: 'PR', carc: '1', amountCents: 10000 },
        { groupCode: 'PR', carc: '3', amountCents: 5000 },
      ],
      lines: [],
      rarcs: ['MA01'],
      serviceDateFrom: '2025-02-20',
      serviceDateTo: '2025-02-22',
      position: 17,
    });
  });

  it('reads a reversal (status 22, negative amounts) and its correction, which balance as they are', () => {
    const remittance = remittanceOf(parse835(fixture('835-reversal-correction.835')));
    expect(remittance.totalPaidCents).toBe(3000);
    expect(
      remittance.claims.map((c) => [
        c.patientControlNumber,
        c.statusCode,
        c.chargeCents,
        c.paidCents,
        c.adjustments,
      ]),
    ).toEqual([
      [
        'PCN-0004',
        '22',
        -30000,
        -20000,
        [
          { groupCode: 'CO', carc: '45', amountCents: -5000 },
          { groupCode: 'PR', carc: '2', amountCents: -5000 },
        ],
      ],
      [
        'PCN-0004',
        '1',
        30000,
        23000,
        [
          { groupCode: 'CO', carc: '45', amountCents: 4000 },
          { groupCode: 'PR', carc: '2', amountCents: 3000 },
        ],
      ],
    ]);
    expect(remittance.claims[0]!.patientResponsibilityCents).toBe(-5000);
  });

  it('reads a claim forwarded to a crossover carrier (status 19, NM1*TT)', () => {
    const [claim] = remittanceOf(parse835(fixture('835-crossover-secondary.835'))).claims;
    expect(claim).toMatchObject({
      patientControlNumber: 'PCN-0005',
      statusCode: '19',
      chargeCents: 50000,
      paidCents: 32000,
      patientResponsibilityCents: 8000,
      crossoverPayer: { name: 'EVERGREEN MEDIGAP INSURANCE', id: 'EVG77' },
      rarcs: ['MA18'],
    });
    expect(claim!.lines[0]!.adjustments).toEqual([
      { groupCode: 'CO', carc: '45', amountCents: 10000 },
      { groupCode: 'PR', carc: '1', amountCents: 4000 },
      { groupCode: 'PR', carc: '2', amountCents: 4000 },
    ]);
  });

  it('reads PLB interest (L6, negative) and forward balance (FB) that BPR02 reflects', () => {
    const remittance = remittanceOf(parse835(fixture('835-plb-interest-forward-balance.835')));
    expect(remittance.totalPaidCents).toBe(30377);
    expect(remittance.claims.map((c) => [c.patientControlNumber, c.paidCents])).toEqual([
      ['PCN-0006', 15000],
      ['PCN-0007', 27550],
    ]);
    expect(remittance.providerAdjustments).toEqual([
      {
        providerId: '1234567893',
        fiscalPeriodDate: '2025-12-31',
        reasonCode: 'L6',
        reference: 'PCN-0006',
        amountCents: -327,
        position: 27,
      },
      {
        providerId: '1234567893',
        fiscalPeriodDate: '2025-12-31',
        reasonCode: 'FB',
        reference: '2024111500099',
        amountCents: 12500,
        position: 27,
      },
    ]);
  });

  it('reads several claims with service lines, REF*6R line numbers and LQ*HE remarks', () => {
    const remittance = remittanceOf(parse835(fixture('835-multi-claim-service-lines.835')));
    expect(remittance.payer).toEqual({ name: 'BLUE HARBOR HEALTH', id: 'BHH0001' });
    expect(remittance.totalPaidCents).toBe(43820);
    expect(
      remittance.claims.map((c) => ({
        pcn: c.patientControlNumber,
        charge: c.chargeCents,
        paid: c.paidCents,
        lines: c.lines.map((l) => [
          l.lineNumber,
          l.procedureCode,
          l.modifiers.join(','),
          l.chargeCents,
          l.paidCents,
          l.rarcs,
        ]),
      })),
    ).toEqual([
      {
        pcn: 'PCN-0008',
        charge: 27500,
        paid: 15520,
        lines: [
          [1, '99213', '25', 15000, 10080, []],
          [2, '93000', '', 8500, 5440, []],
          [3, '81002', '', 4000, 0, ['M15']],
        ],
      },
      {
        pcn: 'PCN-0009',
        charge: 41500,
        paid: 19200,
        lines: [
          [1, '99204', '', 32000, 19200, []],
          [2, '73610', 'RT', 9500, 0, ['N130']],
        ],
      },
      {
        pcn: 'PCN-0010',
        charge: 16000,
        paid: 9100,
        lines: [
          [1, '90834', '', 13000, 9100, []],
          [undefined, '90785', '', 3000, 0, ['N20']],
        ],
      },
    ]);
    expect(remittance.claims[0]!.lines[0]!.adjustments).toEqual([
      { groupCode: 'CO', carc: '45', amountCents: 2400 },
      { groupCode: 'PR', carc: '2', amountCents: 2520 },
    ]);
  });

  it('tolerates CR/LF after terminators, no line breaks at all, and no terminator after the IEA', () => {
    const text = fixture('835-single-claim-payment.835');
    const expected = parse835(text);
    expect(parse835(text.replace(/\n/g, '\r\n'))).toEqual(expected);
    expect(parse835(text.replace(/\n/g, ''))).toEqual(expected);
    expect(parse835(text.trimEnd().replace(/~$/, ''))).toEqual(expected);
  });

  it('takes its delimiters from the ISA, not from convention', () => {
    const text = fixture('835-single-claim-payment.835')
      .replace(/\*/g, '|')
      .replace(/:/g, '>')
      .replace(/~/g, "'");
    expect(parse835(text)).toEqual(parse835(fixture('835-single-claim-payment.835')));
  });
});

describe('parse835 on malformed files', () => {
  it.each([
    ['835-truncated.835', [{ rule: 'TRUNCATED', segment: 'CAS', position: 24 }]],
    ['835-bad-se-count.835', [{ rule: 'SE_COUNT_MISMATCH', segment: 'SE', position: 33 }]],
    ['835-bad-ge-count.835', [{ rule: 'GE_COUNT_MISMATCH', segment: 'GE', position: 34 }]],
    ['835-bad-iea-count.835', [{ rule: 'IEA_COUNT_MISMATCH', segment: 'IEA', position: 35 }]],
    ['835-unbalanced-claim.835', [{ rule: 'CLAIM_UNBALANCED', segment: 'CLP', position: 17 }]],
  ])('%s gives exactly its fault', (name, expected) => {
    expect(problemsOf(parse835(fixture(name)))).toEqual(expected);
  });

  it('still returns what a cut file held, without judging the balance of its last claim', () => {
    const result = parse835(fixture('835-truncated.835'));
    expect(result.remittances[0]!.claims[0]!.patientControlNumber).toBe('PCN-0001');
  });

  it('reports a file that ends cleanly before SE as TRUNCATED where SE should be', () => {
    const text = fixture('835-single-claim-payment.835');
    const cut = text.slice(0, text.indexOf('SE*'));
    expect(problemsOf(parse835(cut))).toEqual([{ rule: 'TRUNCATED', segment: 'SE', position: 33 }]);
  });

  it('checks the control numbers of SE, GE and IEA', () => {
    const text = fixture('835-single-claim-payment.835')
      .replace('SE*31*0101', 'SE*31*0999')
      .replace('GE*1*101', 'GE*1*102')
      .replace('IEA*1*000000101', 'IEA*1*000000999');
    expect(problemsOf(parse835(text))).toEqual([
      { rule: 'SE_CONTROL_MISMATCH', segment: 'SE', position: 33 },
      { rule: 'GE_CONTROL_MISMATCH', segment: 'GE', position: 34 },
      { rule: 'IEA_CONTROL_MISMATCH', segment: 'IEA', position: 35 },
    ]);
  });

  it('reports an unbalanced line and an unbalanced remittance', () => {
    const text = fixture('835-single-claim-payment.835').replace('CAS*CO*45*14~', 'CAS*CO*45*15~');
    expect(problemsOf(parse835(text))).toEqual([
      { rule: 'LINE_UNBALANCED', segment: 'SVC', position: 27 },
      { rule: 'CLAIM_UNBALANCED', segment: 'CLP', position: 17 },
    ]);
    const overpaid = fixture('835-single-claim-payment.835').replace('BPR*C*160*', 'BPR*C*161*');
    expect(problemsOf(parse835(overpaid))).toEqual([
      { rule: 'REMITTANCE_UNBALANCED', segment: 'BPR', position: 4 },
    ]);
  });

  it('reports amounts with more than two decimals and impossible dates, and judges no balance on them', () => {
    const text = fixture('835-single-claim-payment.835')
      .replace('CAS*CO*45*36~', 'CAS*CO*45*36.001~')
      .replace('DTM*472*20250301~\nCAS*CO*45*14', 'DTM*472*20250230~\nCAS*CO*45*14');
    expect(problemsOf(parse835(text))).toEqual([
      { rule: 'BAD_AMOUNT', segment: 'CAS', position: 23 },
      { rule: 'BAD_DATE', segment: 'DTM', position: 28 },
    ]);
  });

  it('refuses a 277 as WRONG_TRANSACTION', () => {
    const result = parse835(fixture('277ca-accepted-rejected.277'));
    expect(problemsOf(result)).toEqual([{ rule: 'WRONG_TRANSACTION', segment: 'ST', position: 3 }]);
    expect(result.remittances).toEqual([]);
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'hello, this is not EDI'],
    ['an ISA of the wrong length', 'ISA*00*short*00*~GS*HP~'],
  ])('reports %s as NOT_X12', (_, text) => {
    expect(problemsOf(parse835(text))).toEqual([{ rule: 'NOT_X12', segment: 'ISA', position: 1 }]);
  });
});

describe('parse835 on anything at all', () => {
  const valid = fixture('835-multi-claim-service-lines.835');

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        expect(parse835(text).ok).toBe(false);
      }),
    );
  });

  it('never throws on a valid file cut, spliced or corrupted anywhere', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: valid.length }),
        fc.nat({ max: valid.length }),
        fc.string({ maxLength: 40 }),
        (from, to, noise) => {
          const [a, b] = from <= to ? [from, to] : [to, from];
          const result = parse835(valid.slice(0, a) + noise + valid.slice(b));
          expect(Array.isArray(result.remittances)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on random bytes behind a valid ISA', () => {
    const isa = valid.slice(0, 107);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const result = parse835(isa + Buffer.from(bytes).toString('latin1'));
        expect(result.ok).toBe(false);
      }),
    );
  });
});
