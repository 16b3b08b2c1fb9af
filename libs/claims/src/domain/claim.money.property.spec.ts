// Random sequences of money commands on one claim (fast-check): whatever is accepted keeps the money rules.
import fc from 'fast-check';
import { claimDecider } from './claim.decider.js';
import { ClaimError } from './claim.errors.js';
import type { ClaimCommand } from './claim.commands.js';
import {
  creditBalance,
  insuranceBalance,
  patientBalance,
  payerBalance,
  secondaryBalance,
  totalCredit,
  type Money,
} from './claim.money.js';
import type { ClaimState } from './claim.state.js';
import { AT, history, stateOf } from '../testing/index.js';

const at = AT.writtenOff;
const cents = fc.integer({ min: 0, max: 120_000 });
/** Per mille of the balance the command acts on, fitted by the test on the claim as it stands (fit). */
const share = fc.integer({ min: 0, max: 1_200 });
const signed = fc.integer({ min: -30_000, max: 120_000 });
const id = fc.constantFrom('A', 'B', 'C', 'D', 'E');
const group = fc.constantFrom('CO', 'PR', 'OA', 'PI');
const carc = fc.constantFrom('45', '2', '1', '23', '50', '97', '253');

const adjustment = fc.record({ groupCode: group, carc, rarcs: fc.constant([]), amountCents: signed });

// Optional fields left out by dropping the undefined ones, as a command arriving as JSON has them.
const command: fc.Arbitrary<ClaimCommand> = fc
  .oneof(
    fc.record({
      type: fc.constant('RecordPayment' as const),
      paymentId: id,
      paidDate: fc.constant('2026-05-27'),
      payer: fc.constantFrom(undefined, 'PRIMARY' as const, 'SECONDARY' as const),
      crossoverPayerId: fc.constantFrom(undefined, 'SECPAY'),
      // Balanced by the test on the claim as it stands: on what the payer owes, or on a billed amount of its own.
      billedCents: fc.constantFrom(undefined, -1),
      paidCents: cents,
      adjustments: fc.array(adjustment, { maxLength: 4 }),
      occurredAt: fc.constant(at),
    }),
    fc.record({
      type: fc.constant('ReversePayment' as const),
      paymentId: id,
      reason: fc.constant('takeback'),
      occurredAt: fc.constant(at),
    }),
    fc.record({
      type: fc.constant('ResolveCredit' as const),
      refundId: id,
      side: fc.constantFrom('PRIMARY' as const, 'SECONDARY' as const, 'PATIENT' as const),
      method: fc.constantFrom('REFUND' as const, 'OFFSET' as const),
      amountCents: share,
      occurredAt: fc.constant(at),
    }),
    fc.record({
      type: fc.constant('BillPatient' as const),
      statementId: id,
      amountCents: share,
      dueDate: fc.constant('2026-08-01'),
      occurredAt: fc.constant(at),
    }),
    fc.record({
      type: fc.constant('RecordPatientPayment' as const),
      paymentId: id,
      amountCents: cents,
      occurredAt: fc.constant(at),
    }),
    fc.record({
      type: fc.constant('WriteOffBalance' as const),
      reason: fc.constantFrom('SMALL_BALANCE' as const, 'BAD_DEBT' as const),
      side: fc.constantFrom(undefined, 'INSURANCE' as const, 'PATIENT' as const),
      amountCents: fc.option(share, { nil: undefined }),
      occurredAt: fc.constant(at),
    }),
  )
  .map((c) => JSON.parse(JSON.stringify(c)) as ClaimCommand);

const FIELDS: (keyof Money)[] = [
  'chargeCents',
  'paidCents',
  'contractualCents',
  'otherAdjustmentCents',
  'patientResponsibilityCents',
  'patientPaidCents',
  'insuranceWrittenOffCents',
  'patientWrittenOffCents',
  'crossedOverCents',
  'secondarySettledCents',
  'secondaryWrittenOffCents',
];

/**
 * A remittance balances (billed − paid = Σ adjustments) the way a payer's does: billed left out means what the payer
 * owes, so paid is what the adjustments leave of it; billed -1 stands for an explicit CLP03 of paid + Σ adjustments.
 */
function fitted(cmd: ClaimCommand, state: ClaimState): ClaimCommand {
  if (state.status === 'NONE') return cmd;
  const of = (balance: number, permille: number) =>
    Math.max(1, Math.round((Math.max(0, balance) * permille) / 1000));
  const { money } = state;
  switch (cmd.type) {
    case 'RecordPayment':
      return balanced(cmd, state);
    case 'BillPatient':
      return { ...cmd, amountCents: of(patientBalance(money), cmd.amountCents) };
    case 'RecordPatientPayment':
      return { ...cmd, amountCents: of(patientBalance(money), cmd.amountCents) };
    case 'ResolveCredit':
      return { ...cmd, amountCents: of(creditBalance(money, cmd.side), cmd.amountCents) };
    case 'WriteOffBalance':
      return cmd.amountCents === undefined || cmd.side === undefined
        ? { ...cmd, amountCents: undefined }
        : {
            ...cmd,
            amountCents: of(
              cmd.side === 'PATIENT' ? patientBalance(money) : insuranceBalance(money),
              cmd.amountCents,
            ),
          };
    default:
      return cmd;
  }
}

function balanced(cmd: ClaimCommand, state: ClaimState): ClaimCommand {
  if (cmd.type !== 'RecordPayment' || state.status === 'NONE') return cmd;
  const adjusted = cmd.adjustments.reduce((sum, a) => sum + a.amountCents, 0);
  if (cmd.billedCents === undefined) {
    const owed = Math.max(0, payerBalance(state.money, cmd.payer ?? 'PRIMARY'));
    return owed - adjusted >= 0
      ? { ...cmd, paidCents: owed - adjusted }
      : { ...cmd, paidCents: owed, adjustments: [] };
  }
  return { ...cmd, billedCents: Math.max(0, cmd.paidCents + adjusted) };
}

function moneyOf(state: ClaimState): Money {
  if (state.status === 'NONE') throw new Error('no claim');
  return state.money;
}

describe('money under random remittances, takebacks, refunds, statements and write-offs', () => {
  it('keeps every rule whatever sequence is accepted', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 20 }), (commands) => {
        let state = stateOf(history.accepted());
        for (const generated of commands) {
          const cmd = fitted(generated, state);
          const before = moneyOf(state);
          let events;
          try {
            events = claimDecider.decide(cmd, state);
          } catch (error) {
            // A refusal is a coded ClaimError, never a crash, and it changes nothing.
            expect(error).toBeInstanceOf(ClaimError);
            continue;
          }
          state = events.reduce(claimDecider.evolve, state);
          const after = moneyOf(state);
          for (const field of FIELDS) expect(Number.isSafeInteger(after[field] ?? 0)).toBe(true);
          expect(after.chargeCents).toBe(before.chargeCents);
          if (cmd.type === 'RecordPayment' && cmd.paidCents === 0)
            // Adjustments alone never make a credit: only money received does.
            expect(totalCredit(after)).toBeLessThanOrEqual(totalCredit(before));
          if (cmd.type === 'ResolveCredit')
            expect(creditBalance(after, cmd.side)).toBe(creditBalance(before, cmd.side) - cmd.amountCents);
          if (cmd.type === 'RecordPatientPayment')
            expect(patientBalance(after)).toBe(patientBalance(before) - cmd.amountCents);
          if (cmd.type === 'WriteOffBalance') {
            expect(insuranceBalance(after)).toBeGreaterThanOrEqual(Math.min(0, insuranceBalance(before)));
            expect(patientBalance(after)).toBeGreaterThanOrEqual(Math.min(0, patientBalance(before)));
          }
          if (cmd.type === 'ReversePayment') {
            // A takeback restores exactly: the money as if that payment had never been recorded.
            const event = events[0]!;
            if (event.type !== 'PaymentReversed') throw new Error('expected a reversal');
            const { data } = event;
            expect(after.paidCents).toBe(before.paidCents - data.paidCents);
            expect(after.contractualCents).toBe(before.contractualCents - data.contractualCents);
            expect(after.patientResponsibilityCents).toBe(
              before.patientResponsibilityCents - data.patientResponsibilityCents,
            );
            expect(after.crossedOverCents ?? 0).toBe(
              (before.crossedOverCents ?? 0) - (data.crossedOverCents ?? 0),
            );
          }
        }
        // Taking back every payment still standing, latest first, leaves no payer money on the claim.
        if (state.status !== 'NONE') {
          for (const payment of [...state.payments].reverse().filter((p) => !p.reversed)) {
            try {
              const events = claimDecider.decide(
                { type: 'ReversePayment', paymentId: payment.paymentId, reason: 'all back', occurredAt: at },
                state,
              );
              state = events.reduce(claimDecider.evolve, state);
            } catch (error) {
              expect(error).toBeInstanceOf(ClaimError);
            }
          }
          if (
            state.status !== 'NONE' &&
            state.payments.every((p) => p.reversed) &&
            (state.refunds ?? []).length === 0
          ) {
            expect(state.money.paidCents).toBe(0);
            expect(state.money.contractualCents).toBe(0);
            expect(state.money.crossedOverCents ?? 0).toBe(0);
            expect(state.money.secondarySettledCents ?? 0).toBe(0);
            expect(secondaryBalance(state.money)).toBe(0);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
