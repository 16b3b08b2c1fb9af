import type { Timed } from '../claim.timed.js';
import type { FollowUpChannel } from './follow-up.events.js';

export interface LogFollowUp extends Timed {
  type: 'LogFollowUp';
  channel: FollowUpChannel;
  outcome: string;
  payerReference?: string;
  note?: string;
  nextActionDate?: string;
}

export interface AssignClaim extends Timed {
  type: 'AssignClaim';
  assignee: string;
}

export interface VoidClaim extends Timed {
  type: 'VoidClaim';
  reason: string;
}

export type FollowUpCommand = LogFollowUp | AssignClaim | VoidClaim;
