import type { RecordedEvent } from '@claimtrail/event-store';
import type { RowProjection } from '@claimtrail/projections';
import { claimIdOfStream, upcastClaimEvent } from '../../domain/index.js';
import { ClaimSummaryEntity } from './claim-summary.entity.js';

/** Pure: the claim's summary row after one of its events. */
export function projectClaimSummary(
  row: ClaimSummaryEntity | undefined,
  recorded: RecordedEvent,
): ClaimSummaryEntity | undefined {
  const event = upcastClaimEvent(recorded);
  if (!event) return row;
  const touched = {
    version: recorded.version,
    lastPosition: recorded.position,
    updatedAt: new Date(recorded.recordedAt),
  };
  switch (event.type) {
    case 'ClaimSubmitted': {
      const d = event.data;
      return Object.assign(new ClaimSummaryEntity(), {
        claimId: d.claimId,
        status: 'SUBMITTED',
        payerId: d.payerId,
        providerNpi: d.providerNpi,
        patientRef: d.patientRef,
        serviceDateFrom: d.serviceDateFrom,
        serviceDateTo: d.serviceDateTo,
        submittedAt: new Date(d.submittedAt),
        totalChargeCents: d.totalChargeCents,
        diagnoses: d.diagnoses,
        lines: d.lines,
        ...touched,
      });
    }
  }
}

export const claimSummaryProjection: RowProjection<ClaimSummaryEntity> = {
  name: 'claim_summaries',
  entity: ClaimSummaryEntity,
  keyOf: (event) => claimIdOfStream(event.streamName),
  apply: projectClaimSummary,
};
