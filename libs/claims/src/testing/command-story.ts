import type { ClaimCommand } from '../domain/index.js';
import { AT } from './claim-story.js';
import { appealClaim, decideAppeal, denyClaim } from './denial-appeal.builders.js';
import { logFollowUp, voidClaim } from './follow-up.builders.js';
import { billPatient, recordPatientPayment } from './patient.builders.js';
import { recordPayment, reversePayment } from './payment.builders.js';
import {
  acknowledgeClaim,
  pendClaim,
  rejectClaim,
  resubmitClaim,
  submitAdditionalInfo,
  submitClaim,
} from './submission.builders.js';

/** A command as a sender states it, without its business time, and that time. */
export type StatedCommand = [body: Omit<ClaimCommand, 'occurredAt'>, occurredAt: string];

const stated = (command: ClaimCommand): StatedCommand => {
  const { occurredAt, ...body } = command;
  return [body, occurredAt];
};

/** The default story as commands, from submission to the patient paying, through every kind of step. */
export const commandStory = (): StatedCommand[] =>
  [
    submitClaim(),
    rejectClaim(),
    resubmitClaim(),
    acknowledgeClaim(),
    pendClaim(),
    submitAdditionalInfo(),
    logFollowUp(),
    denyClaim(),
    appealClaim(),
    decideAppeal(),
    recordPayment(),
    billPatient(),
    reversePayment(),
    recordPayment({ paymentId: 'PAY-2', occurredAt: AT.reversed }),
    recordPatientPayment(),
  ].map(stated);

/** Submitted, rejected, then voided. */
export const voidedStory = (): StatedCommand[] => [submitClaim(), rejectClaim(), voidClaim()].map(stated);
