import type { RecordedEvent } from '@claimtrail/event-store';
import type { ClaimPostingRecord, RemittanceImported } from '../posting/remittance.events.js';
import { projectRemittance, remittanceRows } from './remittance.projection.js';

const claim = (position: number, outcome: ClaimPostingRecord['outcome']): ClaimPostingRecord => ({
  patientControlNumber: `PCN-${position}`,
  statusCode: '1',
  chargeCents: 10_000,
  paidCents: 8_000,
  outcome,
  position,
});

function imported(claims: ClaimPostingRecord[], version = 0): RecordedEvent {
  const data: RemittanceImported['data'] = {
    payerId: 'ACME01',
    payerName: 'ACME HEALTH PLAN',
    payeeName: 'MAPLE STREET',
    traceNumber: 'EFT1',
    paymentMethod: 'ACH',
    creditDebit: 'C',
    paymentDate: '2025-03-14',
    totalPaidCents: 15_673,
    providerAdjustments: [
      { providerId: '1234567893', reasonCode: 'L6', reference: 'PCN-1', amountCents: -327 },
      { providerId: '1234567893', reasonCode: 'FB', reference: 'X', amountCents: 1_000 },
    ],
    claims,
    fileSha256: 'f'.repeat(64),
  };
  return {
    id: `e-${version}`,
    type: 'RemittanceImported',
    schemaVersion: 1,
    data,
    metadata: { actor: 'biller', occurredAt: '2025-03-15T10:00:00.000Z' },
    streamName: 'remittance-ACME01-EFT1',
    version,
    position: String(version + 1).padStart(20, '0'),
    recordedAt: '2025-03-15T10:00:00.000Z',
  };
}

describe('the remittances read model', () => {
  it('keeps the payment, its PLB total, and what became of each claim', () => {
    const row = projectRemittance(undefined, imported([claim(17, 'POSTED'), claim(30, 'UNMATCHED')]));
    expect(row).toMatchObject({
      payerId: 'ACME01',
      traceNumber: 'EFT1',
      totalPaidCents: 15_673,
      providerAdjustmentCents: 673,
      claimsPosted: 1,
      unmatchedCount: 1,
    });
  });

  it('updates claims by their place in the file when the remittance is imported again; posted stays posted', () => {
    const first = projectRemittance(undefined, imported([claim(17, 'POSTED'), claim(30, 'UNMATCHED')]));
    const again = projectRemittance(first, imported([claim(17, 'ALREADY_POSTED'), claim(30, 'POSTED')], 1));
    expect(again!.claims.map((c) => c.outcome)).toEqual(['POSTED', 'POSTED']);
    expect(again).toMatchObject({ claimsPosted: 2, unmatchedCount: 0 });
  });

  it('reads only remittance streams', () => {
    expect(remittanceRows.keyOf('remittance-ACME01-EFT1')).toBe('remittance-ACME01-EFT1');
    expect(remittanceRows.keyOf('claim-PCN-1')).toBeUndefined();
  });
});
