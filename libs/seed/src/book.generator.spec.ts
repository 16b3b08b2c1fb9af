import { CLAIM_STATUSES, insuranceBalance, patientBalance, type ExistingClaim } from '@claimtrail/claims';
import { generateBook } from './book.generator.js';
import { bookEvents, replayBookClaim, type BookEvent } from './book-events.js';
import type { BookClaim } from './book.types.js';
import { npiWithCheckDigit } from './clinical.catalog.js';

const TODAY = '2026-06-15';
const book = (claims: number, seed: number, today: string | Date = TODAY) =>
  generateBook({ claims, seed, today });

describe('generateBook', () => {
  it('gives the same claims, amounts, dates and codes for the same claims, seed and today', () => {
    expect([...book(300, 7)]).toEqual([...book(300, 7, new Date('2026-06-15T18:30:00Z'))]);
  });

  it('gives another book for another seed', () => {
    const [a, b] = [[...book(50, 7)], [...book(50, 8)]];
    expect(a.map((c) => c.steps.map((s) => s.occurredAt))).not.toEqual(
      b.map((c) => c.steps.map((s) => s.occurredAt)),
    );
    expect(a.map((c) => c.payerId)).not.toEqual(b.map((c) => c.payerId));
  });

  it('moves the dates with today', () => {
    const [a, b] = [book(1, 7).claim(0), book(1, 7, '2026-06-16').claim(0)];
    expect(b.steps[0]!.occurredAt).not.toEqual(a.steps[0]!.occurredAt);
  });

  it('keeps claim i the same whatever the size of the book, so a larger book extends a smaller one', () => {
    expect([...book(40, 3)]).toEqual([...book(90, 3)].slice(0, 40));
    expect(book(90, 3).claim(39)).toEqual(book(40, 3).claim(39));
  });

  it('refuses a seed or a size that is not a whole number in range', () => {
    expect(() => book(-1, 1)).toThrow(RangeError);
    expect(() => book(1, 1.5)).toThrow(RangeError);
    expect(() => book(1, 2 ** 32)).toThrow(RangeError);
    expect(() => book(3, 1).claim(3)).toThrow(RangeError);
  });

  it('files every claim with one of 30-40 payers, each with its own deadlines and response time', () => {
    const { payers } = book(0, 1);
    expect(payers.length).toBeGreaterThanOrEqual(30);
    expect(payers.length).toBeLessThanOrEqual(40);
    expect(new Set(payers.map((p) => p.payerId)).size).toBe(payers.length);
    expect(new Set(payers.map((p) => p.rules.timelyFilingDays)).size).toBeGreaterThan(3);
    expect(new Set(payers.map((p) => p.rules.responseDays)).size).toBeGreaterThan(10);
    expect(new Set(payers.map((p) => p.habits.denialRate)).size).toBeGreaterThan(5);
    // What the payers library's upsertPayer accepts.
    for (const { payerId, rules } of payers) {
      expect(payerId).toMatch(/^[A-Z0-9]{2,10}$/);
      expect(rules.appealWindowDays.length).toBeLessThanOrEqual(5);
      expect(Math.max(...rules.appealWindowDays)).toBeLessThanOrEqual(730);
    }
  });

  it('computes NPI check digits as CMS does', () => {
    expect(npiWithCheckDigit('123456789')).toBe('1234567893');
    expect(npiWithCheckDigit('124531959')).toBe('1245319599');
  });
});

describe('a book of 3000 claims, run through the claims decider', () => {
  const claims: BookClaim[] = [...book(3000, 11)];
  // Throws if the decider refuses any step: every story must be one the domain accepts, in order.
  const replays = claims.map((claim) => ({ claim, ...replayBookClaim(claim) }));
  const events = replays.flatMap((r) => r.events);
  const states = replays.map((r) => r.state as ExistingClaim);
  const ofType = (type: BookEvent['type']) => events.filter((e) => e.type === type);
  const dataOf = <T>(type: BookEvent['type']) => ofType(type).map((e) => e.data as T);

  it('dates every step in order, after the service and before today, within the last 18 months', () => {
    for (const { steps } of claims) {
      const times = steps.map((s) => s.occurredAt);
      expect([...times].sort()).toEqual(times);
      expect(times.at(-1)! < TODAY).toBe(true);
    }
    const serviceDates = states.map((s) => s.serviceDateFrom);
    expect(serviceDates.every((d) => d >= '2024-12-14' && d < TODAY)).toBe(true);
    const months = new Set(serviceDates.map((d) => d.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(18);
  });

  it('balances every remittance and leaves no balance negative, nor any on a closed claim', () => {
    for (const paid of dataOf<{
      billedCents: number;
      paidCents: number;
      adjustments: { amountCents: number }[];
    }>('ClaimPaid')) {
      const adjusted = paid.adjustments.reduce((sum, a) => sum + a.amountCents, 0);
      expect(paid.billedCents - paid.paidCents).toBe(adjusted);
    }
    const unbalanced = states.filter((state) => {
      const [insurance, patient] = [insuranceBalance(state.money), patientBalance(state.money)];
      const settled = ['CLOSED', 'WRITTEN_OFF'].includes(state.status);
      return (
        !Object.values(state.money).every(Number.isSafeInteger) ||
        insurance < 0 ||
        patient < 0 ||
        ((settled || state.status === 'PAID') && insurance !== 0) ||
        (settled && patient !== 0)
      );
    });
    expect(unbalanced.map((s) => s.claimId)).toEqual([]);
  });

  it('spreads the book over the payers and every lifecycle status', () => {
    expect(new Set(claims.map((c) => c.payerId)).size).toBeGreaterThanOrEqual(30);
    const statuses = new Set<string>(states.map((s) => s.status));
    const expected = CLAIM_STATUSES.filter((status) => status !== 'NONE');
    expect(expected.filter((status) => !statuses.has(status))).toEqual([]);
  });

  it('denies with the common CARCs, CO-29 for late filing and PR for the patient', () => {
    const denials = dataOf<{ groupCode: string; carc: string }>('ClaimDenied');
    const codes = new Set(denials.map((d) => `${d.groupCode}-${d.carc}`));
    for (const code of ['CO-16', 'CO-18', 'CO-22', 'CO-27', 'CO-29', 'CO-50', 'CO-96', 'CO-97', 'CO-197'])
      expect([code, codes.has(code)]).toEqual([code, true]);
    expect([...codes].some((c) => c.startsWith('PR-'))).toBe(true);
    const adjustments = dataOf<{ adjustments: { groupCode: string; carc: string }[] }>('ClaimPaid').flatMap(
      (p) => p.adjustments.map((a) => `${a.groupCode}-${a.carc}`),
    );
    for (const code of ['CO-45', 'PR-1', 'PR-2', 'PR-3'])
      expect([code, adjustments.includes(code)]).toEqual([code, true]);
    const rate = denials.length / claims.length;
    expect(rate).toBeGreaterThan(0.05);
    expect(rate).toBeLessThan(0.25);
  });

  it('has appeals won and lost, partial payments, reversals, resubmissions and pends', () => {
    const outcomes = dataOf<{ outcome: string }>('AppealDecided').map((d) => d.outcome);
    expect(outcomes.filter((o) => o === 'OVERTURNED').length).toBeGreaterThan(10);
    expect(outcomes.filter((o) => o === 'UPHELD').length).toBeGreaterThan(10);
    expect(dataOf<{ level: number }>('ClaimAppealed').some((a) => a.level === 2)).toBe(true);
    expect(
      dataOf<{ outcome: string }>('ClaimPaid').filter((p) => p.outcome === 'PARTIALLY_PAID').length,
    ).toBeGreaterThan(50);
    expect(ofType('PaymentReversed').length).toBeGreaterThan(20);
    const frequencies = dataOf<{ frequencyCode: string }>('ClaimResubmitted').map((r) => r.frequencyCode);
    expect(new Set(frequencies)).toEqual(new Set(['1', '7']));
    expect(ofType('ClaimPended').length).toBeGreaterThan(50);
    expect(ofType('AdditionalInfoSubmitted').length).toBeGreaterThan(20);
  });

  it('bills patients who pay, who pay part, and who are overdue', () => {
    expect(
      states.filter((s) => s.status === 'CLOSED' && s.patientPayments.length > 0).length,
    ).toBeGreaterThan(100);
    expect(states.filter((s) => s.patientPayments.length > 1).length).toBeGreaterThan(10);
    const overdue = states.filter(
      (s) => s.status === 'PATIENT_BILLED' && s.statement.dueDate < TODAY && patientBalance(s.money) > 0,
    );
    expect(overdue.length).toBeGreaterThan(50);
  });

  it('leaves some claims past their deadlines and some still unanswered', () => {
    const pastAppeal = states.filter(
      (s) =>
        s.status === 'DENIED' && (s.deadlines.appeal === undefined || s.deadlines.appeal.deadline < TODAY),
    );
    expect(pastAppeal.length).toBeGreaterThan(5);
    const pastFiling = states.filter((s) => s.status === 'REJECTED' && s.deadlines.timelyFiling < TODAY);
    expect(pastFiling.length).toBeGreaterThan(3);
    const overdueInfo = states.filter((s) => s.status === 'PENDED' && s.pend.infoDueDate < TODAY);
    expect(overdueInfo.length).toBeGreaterThan(5);
    const unanswered = states.filter(
      (s) => (s.status === 'SUBMITTED' || s.status === 'ACCEPTED') && !s.adjudicated,
    );
    expect(unanswered.length).toBeGreaterThan(100);
    expect(unanswered.some((s) => s.followUps.length > 0)).toBe(true);
  });
});

describe('bookEvents', () => {
  it('returns the events the decider decides for the steps, numbered in stream order', () => {
    const claim = book(20, 5).claim(19);
    const events = bookEvents(claim);
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i));
    expect(events[0]).toMatchObject({
      streamName: `claim-${claim.claimId}`,
      type: 'ClaimSubmitted',
      schemaVersion: expect.any(Number),
      occurredAt: claim.steps[0]!.occurredAt,
      commandId: claim.steps[0]!.commandId,
      indexInCommand: 0,
    });
    expect(events).toHaveLength(claim.steps.length);
    expect(bookEvents(claim)).toEqual(events);
  });
});
