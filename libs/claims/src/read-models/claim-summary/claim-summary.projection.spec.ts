import type { RecordedEvent } from '@claimtrail/event-store';
import { givenEvents, recordedEvents } from '@claimtrail/projections/testing';
import {
  claimAcknowledged,
  claimDenied,
  claimDeniedV2Data,
  claimPaid,
  claimSubmitted,
  sealedIdentity,
} from '../../testing/index.js';
import { claimSummaryRows, projectClaimSummary } from './claim-summary.projection.js';

const recorded = (event: { type: string; data: unknown }, version = 0, schemaVersion = 1): RecordedEvent => ({
  id: '00000000-0000-4000-8000-000000000001',
  streamName: 'claim-CLM-1001',
  version,
  position: `00000000000000000001/0000000000000000000${version + 1}`,
  type: event.type,
  schemaVersion,
  data: event.data,
  metadata: { actor: 'biller', occurredAt: '2026-03-10T15:00:00.000Z' },
  recordedAt: '2026-03-10T15:00:01.000Z',
});

describe('claim summary projection', () => {
  it('folds a claim stream into one row per claim, given its events, then its rows', () => {
    const rows = givenEvents(
      ...recordedEvents('claim-CLM-1001', [claimSubmitted(), claimAcknowledged()]),
      ...recordedEvents('claim-CLM-2002', [claimSubmitted({ claimId: 'CLM-2002' })]),
      ...recordedEvents('payer-MCRTX', [{ type: 'PayerChanged', data: {} }]),
    ).rowsOf(claimSummaryRows);
    expect(Object.keys(rows)).toEqual(['CLM-1001', 'CLM-2002']);
    expect(rows['CLM-1001']).toMatchObject({
      status: 'ACCEPTED',
      version: 1,
      insuranceBalanceCents: 100_000,
    });
    expect(rows['CLM-2002']).toMatchObject({ status: 'SUBMITTED', version: 0 });
  });

  it('creates a SUBMITTED row with the total and lines from ClaimSubmitted', () => {
    const row = projectClaimSummary(undefined, recorded(claimSubmitted()));
    expect(row).toMatchObject({
      claimId: 'CLM-1001',
      status: 'SUBMITTED',
      payerId: 'MCRTX',
      totalChargeCents: 100_000,
      version: 0,
      serviceDateFrom: '2026-03-02',
      insuranceBalanceCents: 100_000,
      patientBalanceCents: 0,
    });
    expect(row!.state.lines).toHaveLength(2);
    expect(row!.submittedAt.toISOString()).toBe('2026-03-10T15:00:00.000Z');
  });

  it("fills patient_identity from a payment's sealed identity when the submission gave none, and only then", () => {
    const payerView = sealedIdentity({ data: Buffer.alloc(60, 7).toString('base64') });
    const paid = recorded(claimPaid({ patientIdentity: payerView }), 2);
    const bare = projectClaimSummary(undefined, recorded(claimSubmitted()));
    expect(bare!.patientIdentity).toBeNull();
    const accepted = projectClaimSummary(bare, recorded(claimAcknowledged(), 1));
    expect(projectClaimSummary(accepted, paid)!.patientIdentity).toEqual(payerView);

    const registered = sealedIdentity();
    const named = projectClaimSummary(undefined, recorded(claimSubmitted({ patientIdentity: registered })));
    const namedAccepted = projectClaimSummary(named, recorded(claimAcknowledged(), 1));
    expect(projectClaimSummary(namedAccepted, paid)!.patientIdentity).toEqual(registered);
  });

  it('keys rows by the claim id of the stream and ignores other streams', () => {
    expect(claimSummaryRows.keyOf(recorded(claimSubmitted()).streamName)).toBe('CLM-1001');
    expect(claimSummaryRows.keyOf('payer-X')).toBeUndefined();
  });

  it('leaves the row alone for an event type it does not know', () => {
    const row = projectClaimSummary(undefined, recorded(claimSubmitted()));
    expect(projectClaimSummary(row, recorded({ type: 'SomethingNew', data: {} }, 1))).toBe(row);
  });

  it('reads a stored v2 denial, which names no payer, on the claim the row holds', () => {
    const accepted = projectClaimSummary(
      projectClaimSummary(undefined, recorded(claimSubmitted())),
      recorded(claimAcknowledged(), 1),
    );
    const fromV2 = projectClaimSummary(
      accepted,
      recorded({ type: 'ClaimDenied', data: claimDeniedV2Data() }, 2, 2),
    );
    const fromV3 = projectClaimSummary(accepted, recorded(claimDenied(), 2, 3));
    expect(fromV2).toMatchObject({ status: 'DENIED', payerId: 'MCRTX', insuranceBalanceCents: 100_000 });
    expect(fromV2).toEqual(fromV3);
  });
});
