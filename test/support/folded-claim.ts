import { fold, insuranceBalance, patientBalance } from '@claimtrail/claims';
import type { RecordedEvent } from '@claimtrail/event-store';
import { gql } from './random-commands.js';

/**
 * The claim the API serves from its read model (once it has applied position `at`) is the claim its events fold to:
 * status, version, assignee, balances, and not stale.
 */
export async function expectServedAsFolded(
  url: string,
  claimId: string,
  events: readonly RecordedEvent[],
  at: string,
): Promise<void> {
  const replayed = fold([...events]);
  if (replayed.status === 'NONE') throw new Error(`An empty history of ${claimId}`);
  const { data, errors } = await gql(
    url,
    `query C($id: ID!, $at: String) { claim(id: $id, atLeastPosition: $at) { status version assignee stale { position }
       balances { chargeCents paidCents insuranceBalanceCents patientBalanceCents } } }`,
    { id: claimId, at },
  );
  expect(errors).toBeUndefined();
  expect([claimId, data.claim]).toEqual([
    claimId,
    {
      status: replayed.status,
      version: events[events.length - 1]!.version,
      assignee: replayed.assignee ?? null,
      stale: null,
      balances: {
        chargeCents: replayed.money.chargeCents,
        paidCents: replayed.money.paidCents,
        insuranceBalanceCents: insuranceBalance(replayed.money),
        patientBalanceCents: patientBalance(replayed.money),
      },
    },
  ]);
}
