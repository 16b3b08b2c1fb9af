import {
  addDays,
  MEDICARE_RULES,
  type AcknowledgeClaim,
  type AdditionalInfoSubmitted,
  type ClaimAcknowledged,
  type ClaimPended,
  type ClaimRejected,
  type ClaimResubmitted,
  type ClaimSubmitted,
  type PendClaim,
  type RejectClaim,
  type ResubmitClaim,
  type SubmitAdditionalInfo,
  type SealedValue,
  type SubmitClaim,
} from '../domain/index.js';
import { AT, SUBMITTED_AT } from './claim-story.js';

export function submitClaim(overrides: Partial<SubmitClaim> = {}): SubmitClaim {
  return {
    type: 'SubmitClaim',
    claimId: 'CLM-1001',
    patientRef: 'PT-42',
    providerNpi: '1234567893',
    payerId: 'MCRTX',
    diagnoses: ['E11.9', 'I10'],
    lines: [
      {
        procedureCode: '99214',
        modifiers: ['25'],
        units: 1,
        chargeCents: 60_000,
        diagnosisPointers: [1, 2],
        serviceDate: '2026-03-02',
      },
      {
        procedureCode: '93000',
        modifiers: [],
        units: 1,
        chargeCents: 40_000,
        diagnosisPointers: [2],
        serviceDate: '2026-03-02',
      },
    ],
    payerRules: MEDICARE_RULES,
    occurredAt: SUBMITTED_AT,
    ...overrides,
  };
}

export function claimSubmitted(overrides: Partial<ClaimSubmitted['data']> = {}): ClaimSubmitted {
  const command = submitClaim();
  const serviceDateFrom = overrides.serviceDateFrom ?? '2026-03-02';
  const payerRules = overrides.payerRules ?? MEDICARE_RULES;
  return {
    type: 'ClaimSubmitted',
    data: {
      claimId: command.claimId,
      patientRef: command.patientRef,
      providerNpi: command.providerNpi,
      payerId: command.payerId,
      serviceDateFrom,
      serviceDateTo: '2026-03-02',
      diagnoses: command.diagnoses,
      lines: command.lines.map((line, i) => ({ lineNumber: i + 1, ...line })),
      totalChargeCents: 100_000,
      submittedAt: SUBMITTED_AT,
      payerRules,
      timelyFilingDeadline: addDays(serviceDateFrom, payerRules.timelyFilingDays),
      ...overrides,
    },
  };
}

export const acknowledgeClaim = (overrides: Partial<AcknowledgeClaim> = {}): AcknowledgeClaim => ({
  type: 'AcknowledgeClaim',
  payerClaimNumber: 'PCN-55001',
  statusCode: 'A2',
  occurredAt: AT.acknowledged,
  ...overrides,
});

export const claimAcknowledged = (overrides: Partial<ClaimAcknowledged['data']> = {}): ClaimAcknowledged => ({
  type: 'ClaimAcknowledged',
  data: { payerClaimNumber: 'PCN-55001', statusCode: 'A2', acknowledgedAt: AT.acknowledged, ...overrides },
});

export const rejectClaim = (overrides: Partial<RejectClaim> = {}): RejectClaim => ({
  type: 'RejectClaim',
  statusCode: 'A7',
  reason: 'Subscriber id not found',
  occurredAt: AT.rejected,
  ...overrides,
});

export const claimRejected = (overrides: Partial<ClaimRejected['data']> = {}): ClaimRejected => ({
  type: 'ClaimRejected',
  data: { statusCode: 'A7', reason: 'Subscriber id not found', rejectedAt: AT.rejected, ...overrides },
});

export const resubmitClaim = (overrides: Partial<ResubmitClaim> = {}): ResubmitClaim => ({
  type: 'ResubmitClaim',
  frequencyCode: '1',
  reason: 'Corrected the subscriber id',
  occurredAt: AT.resubmitted,
  ...overrides,
});

export const claimResubmitted = (overrides: Partial<ClaimResubmitted['data']> = {}): ClaimResubmitted => ({
  type: 'ClaimResubmitted',
  data: {
    frequencyCode: '1',
    reason: 'Corrected the subscriber id',
    resubmittedAt: AT.resubmitted,
    totalChargeCents: 100_000,
    serviceDateFrom: '2026-03-02',
    serviceDateTo: '2026-03-02',
    ...overrides,
  },
});

export const pendClaim = (overrides: Partial<PendClaim> = {}): PendClaim => ({
  type: 'PendClaim',
  statusCode: 'R4',
  requested: 'Medical records for the visit',
  infoDueDate: '2026-04-19',
  occurredAt: AT.pended,
  ...overrides,
});

export const claimPended = (overrides: Partial<ClaimPended['data']> = {}): ClaimPended => ({
  type: 'ClaimPended',
  data: {
    statusCode: 'R4',
    requested: 'Medical records for the visit',
    infoDueDate: '2026-04-19',
    pendedAt: AT.pended,
    ...overrides,
  },
});

export const submitAdditionalInfo = (
  overrides: Partial<SubmitAdditionalInfo> = {},
): SubmitAdditionalInfo => ({
  type: 'SubmitAdditionalInfo',
  description: 'Sent the visit notes through the portal',
  occurredAt: AT.infoSubmitted,
  ...overrides,
});

export const additionalInfoSubmitted = (
  overrides: Partial<AdditionalInfoSubmitted['data']> = {},
): AdditionalInfoSubmitted => ({
  type: 'AdditionalInfoSubmitted',
  data: {
    description: 'Sent the visit notes through the portal',
    submittedAt: AT.infoSubmitted,
    ...overrides,
  },
});

/** A sealed identity as the vault writes it; the claim never looks inside, so the bytes need not decrypt. */
export function sealedIdentity(overrides: Partial<SealedValue> = {}): SealedValue {
  return {
    v: 1,
    iv: Buffer.alloc(12, 1).toString('base64'),
    tag: Buffer.alloc(16, 2).toString('base64'),
    data: Buffer.alloc(90, 3).toString('base64'),
    ...overrides,
  };
}
