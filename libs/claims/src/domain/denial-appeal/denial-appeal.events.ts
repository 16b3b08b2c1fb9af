import type { AdjustmentGroup } from '../claim.money.js';

export interface LineDenial {
  lineNumber: number;
  groupCode: AdjustmentGroup;
  carc: string;
  rarcs: string[];
  deniedAmountCents: number;
}

export const APPEAL_OUTCOMES = ['OVERTURNED', 'PARTIALLY_OVERTURNED', 'UPHELD'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export interface ClaimDenied {
  type: 'ClaimDenied';
  data: {
    /** The claim's payer and rendering provider, so that denial reports group by them without the claim. */
    payerId: string;
    providerNpi: string;
    groupCode: AdjustmentGroup;
    carc: string;
    rarcs: string[];
    deniedAmountCents: number;
    lines: LineDenial[];
    deniedOn: string;
    /** True when no payer decision (payment or denial) came before: feeds the initial denial rate. */
    firstAdjudication: boolean;
    /** Level the next appeal would be, and the last day to file it. */
    nextAppealLevel: number;
    appealDeadline: string;
  };
}

export interface ClaimAppealed {
  type: 'ClaimAppealed';
  data: { level: number; reason: string; appealedOn: string; appealDeadline: string };
}

export interface AppealDecided {
  type: 'AppealDecided';
  data: {
    level: number;
    outcome: AppealOutcome;
    decidedOn: string;
    /** When upheld and a further level exists: that level and its deadline. */
    nextAppealLevel?: number;
    nextAppealDeadline?: string;
  };
}

export type DenialAppealEvent = ClaimDenied | ClaimAppealed | AppealDecided;

/**
 * The schema version written for each event today; older versions are upcast on read (claim.upcast.ts).
 * ClaimDenied: v1 had no remark codes, v2 added them, v3 added payerId and providerNpi.
 */
export const DENIAL_APPEAL_EVENT_VERSIONS = {
  ClaimDenied: 3,
  ClaimAppealed: 1,
  AppealDecided: 1,
} as const satisfies Record<DenialAppealEvent['type'], number>;
