import { claimOf, history, stateOf } from '@claimtrail/claims/testing';
import { parse835 } from '../x12/parse-835.js';
import { parse277ca } from '../x12/parse-277ca.js';
import type { Remittance, RemittanceClaim } from '../x12/remittance.types.js';
import { fixture, singleClaimPayment } from '../x12/x12-fixtures.testing.js';
import { acknowledgementPostingFor } from './acknowledgement-posting.js';
import { commandIdOf, paymentIdOf, postingFor } from './remittance-posting.js';

const remittanceOf = (text: string): Remittance => {
  const parsed = parse835(text);
  if (!parsed.ok) throw new Error(`fixture does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.remittances[0]!;
};
const remittance = (name: string): Remittance => remittanceOf(fixture(name));
const TODAY = '2026-07-01';

const variant = (clp: RemittanceClaim, overrides: Partial<RemittanceClaim>): RemittanceClaim => ({
  ...clp,
  ...overrides,
});

describe('postingFor: a claim payment of an 835 as a claim command', () => {
  const single = remittance('835-single-claim-payment.835');
  const clp = single.claims[0]!;

  it('posts a primary payment with every CAS and each SVC paid amount, on the claim line REF*6R names', () => {
    const posting = postingFor(single, clp, stateOf(history.accepted()), TODAY);
    expect(posting).toEqual({
      body: {
        type: 'RecordPayment',
        paymentId: 'EFT20250314001',
        paidDate: '2025-03-14',
        billedCents: 25_000,
        paidCents: 16_000,
        adjustments: [
          { groupCode: 'CO', carc: '45', rarcs: [], amountCents: 3_600, lineNumber: 1 },
          { groupCode: 'PR', carc: '2', rarcs: [], amountCents: 3_200, lineNumber: 1 },
          { groupCode: 'CO', carc: '45', rarcs: [], amountCents: 1_400, lineNumber: 2 },
          { groupCode: 'PR', carc: '2', rarcs: [], amountCents: 800, lineNumber: 2 },
        ],
        lines: [
          { lineNumber: 1, billedCents: 18_000, paidCents: 11_200 },
          { lineNumber: 2, billedCents: 7_000, paidCents: 4_800 },
        ],
      },
      patient: { lastName: 'TESTPATIENT', firstName: 'ALEX', memberId: 'W000000001' },
    });
  });

  it('hands the patient name and member id the 835 carries beside the payment, never inside the command', () => {
    expect(postingFor(single, clp, stateOf(history.accepted()), TODAY)).toMatchObject({
      patient: { lastName: 'TESTPATIENT', firstName: 'ALEX', memberId: 'W000000001' },
    });
    for (const state of [history.accepted(), history.paid(), history.denied()].map(stateOf)) {
      const posting = postingFor(single, clp, state, TODAY);
      if (!('body' in posting)) continue;
      expect(JSON.stringify(posting.body)).not.toMatch(/TESTPATIENT|ALEX|W000000001/);
    }
  });

  it('takes the member id from NM1*IL over NM1*QC, and keeps no part longer than an NM1 element can be', () => {
    const named = remittanceOf(
      singleClaimPayment({
        claimId: 'PCN-0001',
        patient: { lastName: 'X'.repeat(81), firstName: 'ALEX', memberId: 'QC1' },
        subscriberId: 'IL1',
      }),
    );
    expect(postingFor(named, named.claims[0]!, stateOf(history.accepted()), TODAY)).toMatchObject({
      patient: { firstName: 'ALEX', memberId: 'IL1' },
    });
    const posting = postingFor(named, named.claims[0]!, stateOf(history.accepted()), TODAY);
    expect(posting).not.toHaveProperty('patient.lastName');
  });

  it('names no patient when the CLP loop does not, nor on a reversal or a denial', () => {
    const unnamed = remittanceOf(singleClaimPayment({ claimId: 'PCN-0001' }));
    expect(postingFor(unnamed, unnamed.claims[0]!, stateOf(history.accepted()), TODAY)).not.toHaveProperty(
      'patient',
    );
    const reversal = variant(clp, { statusCode: '22', paidCents: -60_000, adjustments: [], lines: [] });
    expect(postingFor(single, reversal, stateOf(history.paid()), TODAY)).not.toHaveProperty('patient');
    const denial = remittance('835-denial.835');
    expect(postingFor(denial, denial.claims[0]!, stateOf(history.accepted()), TODAY)).not.toHaveProperty(
      'patient',
    );
  });

  it('dates the payment no later than the day it is posted (an EFT often settles after its 835 arrives)', () => {
    const posting = postingFor(single, clp, stateOf(history.accepted()), '2025-03-10');
    expect(posting).toMatchObject({ body: { paidDate: '2025-03-10' } });
  });

  it('refuses a claim the practice does not have', () => {
    expect(postingFor(single, clp, stateOf([]), TODAY)).toEqual({
      refusal: { rule: 'UNKNOWN_CLAIM', message: expect.any(String) },
    });
  });

  it('gives a second payment of the same trace on a claim its own payment id', () => {
    const paid = claimOf(history.paid());
    const taken = { ...paid, payments: [{ ...paid.payments[0]!, paymentId: 'EFT20250314001' }] };
    expect(postingFor(single, clp, taken, TODAY)).toMatchObject({ body: { paymentId: 'EFT20250314001-2' } });
  });

  it('takes back, on a reversal (22), the standing payment whose amount it mirrors', () => {
    const reversal = variant(clp, {
      statusCode: '22',
      chargeCents: -100_000,
      paidCents: -60_000,
      adjustments: [],
      lines: [],
    });
    expect(postingFor(single, reversal, stateOf(history.paid()), TODAY)).toEqual({
      body: { type: 'ReversePayment', paymentId: 'PAY-1', reason: expect.stringContaining('22') },
    });
    const other = variant(reversal, { paidCents: -59_999 });
    expect(postingFor(single, other, stateOf(history.paid()), TODAY)).toMatchObject({
      refusal: { rule: 'NO_PAYMENT_TO_REVERSE' },
    });
  });

  it('posts a zero-pay denial (4) as a denial with its largest denying reason and its lines', () => {
    const denial = remittance('835-denial.835');
    const posting = postingFor(denial, denial.claims[0]!, stateOf(history.accepted()), TODAY);
    expect(posting).toMatchObject({
      body: {
        type: 'DenyClaim',
        groupCode: 'CO',
        carc: '50',
        deniedAmountCents: 42_000,
        lines: [
          { lineNumber: 1, carc: '50', deniedAmountCents: 30_000 },
          { lineNumber: 2, carc: '197', deniedAmountCents: 12_000 },
        ],
      },
    });
  });

  it('crosses over to the carrier NM1*TT names when the primary forwarded the claim (19)', () => {
    const crossover = remittance('835-crossover-secondary.835');
    expect(postingFor(crossover, crossover.claims[0]!, stateOf(history.accepted()), TODAY)).toMatchObject({
      body: { type: 'RecordPayment', crossoverPayerId: 'EVG77' },
    });
  });

  it('posts a secondary payer (2, 20) as the secondary', () => {
    expect(
      postingFor(single, variant(clp, { statusCode: '2' }), stateOf(history.accepted()), TODAY),
    ).toMatchObject({
      body: { payer: 'SECONDARY' },
    });
  });

  it.each([
    ['a tertiary payer (3)', { statusCode: '3' }, 'UNSUPPORTED_CLAIM_STATUS'],
    ['predetermination (25)', { statusCode: '25' }, 'UNSUPPORTED_CLAIM_STATUS'],
    ['a negative payment not marked as a reversal', { paidCents: -1 }, 'NEGATIVE_PAYMENT'],
    [
      'a correction-reversal group (CR)',
      { adjustments: [{ groupCode: 'CR', carc: '45', amountCents: 1 }] },
      'UNSUPPORTED_GROUP_CODE',
    ],
  ])('refuses %s with a rule', (_label, overrides, rule) => {
    expect(postingFor(single, variant(clp, overrides), stateOf(history.accepted()), TODAY)).toMatchObject({
      refusal: { rule },
    });
  });

  it('derives ids that make a re-import post nothing new', () => {
    expect(commandIdOf(single, clp, 1)).toBe('x12-835:1512345678:EFT20250314001:PCN-0001:1');
    expect(paymentIdOf('EFT 2025/03#1')).toBe('EFT-2025-03-1');
    expect(paymentIdOf('///')).toBe('TRN');
  });
});

describe('acknowledgementPostingFor: a claim of a 277CA as a claim command', () => {
  const parsed = parse277ca(fixture('277ca-accepted-rejected.277'));
  if (!parsed.ok) throw new Error('fixture does not parse');
  const [accepted, rejected, invalid] = parsed.acknowledgements[0]!.claims;

  it('acknowledges an accepted claim (A2 over A1) with its payer claim number', () => {
    expect(acknowledgementPostingFor(accepted!, stateOf(history.submitted()), TODAY)).toEqual({
      body: { type: 'AcknowledgeClaim', payerClaimNumber: '2025069000001', statusCode: 'A2' },
    });
  });

  it('rejects with every rejection status as the reason', () => {
    expect(acknowledgementPostingFor(rejected!, stateOf(history.submitted()), TODAY)).toEqual({
      body: { type: 'RejectClaim', statusCode: 'A3', reason: expect.stringMatching(/^277CA A3:21/) },
    });
    expect(acknowledgementPostingFor(invalid!, stateOf(history.submitted()), TODAY)).toMatchObject({
      body: { type: 'RejectClaim', statusCode: 'A7' },
    });
  });

  it('pends a claim the payer asked information for (P3), due in 30 days; a bare pending status changes nothing', () => {
    const pended = { ...accepted!, statuses: [{ category: 'P3', code: '15' }] };
    expect(acknowledgementPostingFor(pended, stateOf(history.accepted()), TODAY)).toEqual({
      body: { type: 'PendClaim', statusCode: 'P3', requested: '277CA P3:15', infoDueDate: '2026-07-31' },
    });
    const pending = { ...accepted!, statuses: [{ category: 'P1', code: '20' }] };
    expect(acknowledgementPostingFor(pending, stateOf(history.accepted()), TODAY)).toEqual({
      alreadyDone: true,
    });
  });

  it('has nothing to do for a claim past acknowledgement, and refuses one it does not know', () => {
    expect(acknowledgementPostingFor(accepted!, stateOf(history.paid()), TODAY)).toEqual({
      alreadyDone: true,
    });
    expect(acknowledgementPostingFor(accepted!, stateOf([]), TODAY)).toMatchObject({
      refusal: { rule: 'UNKNOWN_CLAIM' },
    });
  });
});
