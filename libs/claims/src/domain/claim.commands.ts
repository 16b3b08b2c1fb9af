// Every claim command: each lifecycle area declares its own, and the claim's command is their union.
import type { DenialAppealCommand } from './denial-appeal/denial-appeal.commands.js';
import type { FollowUpCommand } from './follow-up/follow-up.commands.js';
import type { PatientCommand } from './patient/patient.commands.js';
import type { PaymentCommand } from './payment/payment.commands.js';
import type { SubmissionCommand } from './submission/submission.commands.js';

export type * from './submission/submission.commands.js';
export type * from './denial-appeal/denial-appeal.commands.js';
export type * from './payment/payment.commands.js';
export type * from './patient/patient.commands.js';
export type * from './follow-up/follow-up.commands.js';
export type { Timed } from './claim.timed.js';

export type ClaimCommand =
  SubmissionCommand | DenialAppealCommand | PaymentCommand | PatientCommand | FollowUpCommand;

export type ClaimCommandType = ClaimCommand['type'];
