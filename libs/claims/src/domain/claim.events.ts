// Every claim event: each lifecycle area declares its own, and the claim's event is their union.
import {
  DENIAL_APPEAL_EVENT_VERSIONS,
  type DenialAppealEvent,
} from './denial-appeal/denial-appeal.events.js';
import { FOLLOW_UP_EVENT_VERSIONS, type FollowUpEvent } from './follow-up/follow-up.events.js';
import { PATIENT_EVENT_VERSIONS, type PatientEvent } from './patient/patient.events.js';
import { PAYMENT_EVENT_VERSIONS, type PaymentEvent } from './payment/payment.events.js';
import { SUBMISSION_EVENT_VERSIONS, type SubmissionEvent } from './submission/submission.events.js';

export * from './submission/submission.events.js';
export * from './denial-appeal/denial-appeal.events.js';
export * from './payment/payment.events.js';
export * from './patient/patient.events.js';
export * from './follow-up/follow-up.events.js';

export type ClaimEvent = SubmissionEvent | DenialAppealEvent | PaymentEvent | PatientEvent | FollowUpEvent;

export type ClaimEventType = ClaimEvent['type'];

/** The schema version written for each event type today; an event type left out fails to compile. */
export const CLAIM_EVENT_SCHEMA_VERSIONS: Readonly<Record<ClaimEventType, number>> = {
  ...SUBMISSION_EVENT_VERSIONS,
  ...DENIAL_APPEAL_EVENT_VERSIONS,
  ...PAYMENT_EVENT_VERSIONS,
  ...PATIENT_EVENT_VERSIONS,
  ...FOLLOW_UP_EVENT_VERSIONS,
};
