import type { ClaimSummaryEntity } from '../read-models/claim-summary/claim-summary.entity.js';
import { Claim, ClaimStatus } from './types/claim.type.js';

export function toClaim(row: ClaimSummaryEntity): Claim {
  return Object.assign(new Claim(), {
    id: row.claimId,
    status: row.status as ClaimStatus,
    payerId: row.payerId,
    providerNpi: row.providerNpi,
    patientRef: row.patientRef,
    serviceDate: row.serviceDateFrom,
    serviceDateTo: row.serviceDateTo,
    submittedAt: row.submittedAt,
    totalChargeCents: row.totalChargeCents,
    diagnoses: row.diagnoses,
    lines: row.lines,
    version: row.version,
  });
}
