import type { AdjustmentGroup } from '../claim.money.js';
import type { Timed } from '../claim.timed.js';
import type { AppealOutcome } from './denial-appeal.events.js';

export interface LineDenialInput {
  lineNumber: number;
  groupCode: AdjustmentGroup;
  carc: string;
  rarcs: string[];
  deniedAmountCents: number;
}

export interface DenyClaim extends Timed {
  type: 'DenyClaim';
  groupCode: AdjustmentGroup;
  carc: string;
  rarcs: string[];
  deniedAmountCents: number;
  lines: LineDenialInput[];
}

export interface AppealClaim extends Timed {
  type: 'AppealClaim';
  level: number;
  reason: string;
}

export interface DecideAppeal extends Timed {
  type: 'DecideAppeal';
  outcome: AppealOutcome;
}

export type DenialAppealCommand = DenyClaim | AppealClaim | DecideAppeal;
