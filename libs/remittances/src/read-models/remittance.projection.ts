import type { RecordedEvent } from '@claimtrail/event-store';
import { rowProjection, type RowProjection } from '@claimtrail/projections';
import {
  postingTotals,
  REMITTANCE_STREAM_PREFIX,
  type ClaimPostingRecord,
  type RemittanceImported,
} from '../posting/remittance.events.js';
import { RemittanceEntity } from './remittance.entity.js';

/** A later import of the same remittance updates each claim payment by its place in the file. */
function merge(
  before: readonly ClaimPostingRecord[],
  now: readonly ClaimPostingRecord[],
): ClaimPostingRecord[] {
  const byPosition = new Map(before.map((c) => [c.position, c]));
  for (const claim of now) {
    const earlier = byPosition.get(claim.position);
    // Posted by an earlier import stays posted: this one only found it done.
    if (claim.outcome === 'ALREADY_POSTED' && earlier?.outcome === 'POSTED') continue;
    byPosition.set(claim.position, claim);
  }
  return [...byPosition.values()].sort((a, b) => a.position - b.position);
}

/** Pure: the remittance's row after one more import of it. */
export function projectRemittance(
  row: RemittanceEntity | undefined,
  recorded: RecordedEvent,
): RemittanceEntity | undefined {
  if (recorded.type !== 'RemittanceImported') return row;
  const data = recorded.data as RemittanceImported['data'];
  const claims = merge(row?.claims ?? [], data.claims);
  return Object.assign(new RemittanceEntity(), {
    streamName: recorded.streamName,
    payerId: data.payerId,
    payerName: data.payerName,
    traceNumber: data.traceNumber,
    paymentMethod: data.paymentMethod,
    paymentDate: data.paymentDate,
    totalPaidCents: data.totalPaidCents,
    providerAdjustmentCents: data.providerAdjustments.reduce((sum, a) => sum + a.amountCents, 0),
    ...postingTotals(claims),
    claims,
    providerAdjustments: data.providerAdjustments,
    importedAt: new Date(recorded.recordedAt),
  });
}

export const remittanceRows: RowProjection<RemittanceEntity> = {
  name: 'remittances',
  entity: RemittanceEntity,
  keyOf: (streamName) => (streamName.startsWith(REMITTANCE_STREAM_PREFIX) ? streamName : undefined),
  apply: projectRemittance,
};

export const remittanceProjection = rowProjection(remittanceRows);
