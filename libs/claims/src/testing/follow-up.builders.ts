import type {
  AssignClaim,
  ClaimAssigned,
  ClaimVoided,
  FollowUpLogged,
  LogFollowUp,
  VoidClaim,
} from '../domain/index.js';
import { AT } from './claim-story.js';

export const logFollowUp = (overrides: Partial<LogFollowUp> = {}): LogFollowUp => ({
  type: 'LogFollowUp',
  channel: 'PHONE',
  outcome: 'Payer confirms the claim is in process',
  payerReference: 'CALL-778',
  nextActionDate: '2026-04-15',
  occurredAt: AT.followUp,
  ...overrides,
});

export const followUpLogged = (overrides: Partial<FollowUpLogged['data']> = {}): FollowUpLogged => ({
  type: 'FollowUpLogged',
  data: {
    channel: 'PHONE',
    outcome: 'Payer confirms the claim is in process',
    payerReference: 'CALL-778',
    nextActionDate: '2026-04-15',
    loggedAt: AT.followUp,
    ...overrides,
  },
});

export const assignClaim = (overrides: Partial<AssignClaim> = {}): AssignClaim => ({
  type: 'AssignClaim',
  assignee: 'biller-7',
  occurredAt: AT.assigned,
  ...overrides,
});

export const claimAssigned = (overrides: Partial<ClaimAssigned['data']> = {}): ClaimAssigned => ({
  type: 'ClaimAssigned',
  data: { assignee: 'biller-7', assignedAt: AT.assigned, ...overrides },
});

export const voidClaim = (overrides: Partial<VoidClaim> = {}): VoidClaim => ({
  type: 'VoidClaim',
  reason: 'Billed to the wrong payer',
  occurredAt: AT.voided,
  ...overrides,
});

export const claimVoided = (overrides: Partial<ClaimVoided['data']> = {}): ClaimVoided => ({
  type: 'ClaimVoided',
  data: { reason: 'Billed to the wrong payer', voidedAt: AT.voided, ...overrides },
});
