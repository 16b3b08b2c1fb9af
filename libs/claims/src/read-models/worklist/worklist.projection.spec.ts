import {
  billPatient,
  claimOf,
  history,
  play,
  recordPatientPayment,
  recordPayment,
  referToCollections,
} from '../../testing/index.js';
import { workItemOf } from './worklist.projection.js';

const SUBMITTED_ON = '2026-03-10';
const at = (day: string) => `2026-${day}T10:00:00.000Z`;

describe('workItemOf: why a claim needs a human', () => {
  it('puts a credit balance first, whatever the status: money to pay back is a compliance risk', () => {
    const { events } = play(history.patientBilled(), [recordPatientPayment({ amountCents: 20_000 })]);
    expect(workItemOf(claimOf(events), SUBMITTED_ON)).toMatchObject({
      reason: 'CREDIT_BALANCE',
      atStakeCents: 5_000,
      actionableFrom: '2026-06-20',
    });
  });

  it('follows up the secondary payer once its usual days passed, for the crossed-over share', () => {
    const { events } = play(history.accepted(), [recordPayment({ crossoverPayerId: 'SECPAY' })]);
    expect(workItemOf(claimOf(events), SUBMITTED_ON)).toEqual({
      reason: 'SECONDARY_NO_RESPONSE',
      actionableFrom: '2026-06-26',
      deadline: null,
      deadlineKind: null,
      atStakeCents: 15_000,
    });
  });

  it('refers the balance to collections once the final notice is past due, and then nothing more', () => {
    const statement = (n: number, day: string, dueDate: string) =>
      billPatient({ statementId: `STM-${n}`, amountCents: 15_000, dueDate, occurredAt: at(day) });
    const { events } = play(history.paid(), [
      statement(1, '06-01', '2026-07-01'),
      statement(2, '07-02', '2026-08-01'),
    ]);
    expect(workItemOf(claimOf(events), SUBMITTED_ON)).toMatchObject({
      reason: 'PATIENT_BALANCE_OVERDUE',
      actionableFrom: '2026-08-02',
    });
    const final = play(events, [statement(3, '08-02', '2026-09-01')]).events;
    expect(workItemOf(claimOf(final), SUBMITTED_ON)).toMatchObject({
      reason: 'REFER_TO_COLLECTIONS',
      actionableFrom: '2026-09-02',
      atStakeCents: 15_000,
    });
    const referred = play(final, [referToCollections({ occurredAt: at('09-05') })]).events;
    expect(workItemOf(claimOf(referred), SUBMITTED_ON)).toBeUndefined();
  });
});
