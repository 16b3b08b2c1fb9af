export const FOLLOW_UP_CHANNELS = ['PHONE', 'PORTAL', 'EDI_276', 'EMAIL', 'FAX', 'MAIL'] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];

export interface FollowUpLogged {
  type: 'FollowUpLogged';
  data: {
    channel: FollowUpChannel;
    outcome: string;
    payerReference?: string;
    note?: string;
    nextActionDate?: string;
    loggedAt: string;
  };
}

export interface ClaimAssigned {
  type: 'ClaimAssigned';
  data: { assignee: string; assignedAt: string };
}

export interface ClaimVoided {
  type: 'ClaimVoided';
  data: { reason: string; voidedAt: string };
}

export type FollowUpEvent = FollowUpLogged | ClaimAssigned | ClaimVoided;

/** The schema version written for each event today; older versions are upcast on read (claim.upcast.ts). */
export const FOLLOW_UP_EVENT_VERSIONS = {
  FollowUpLogged: 1,
  ClaimAssigned: 1,
  ClaimVoided: 1,
} as const satisfies Record<FollowUpEvent['type'], number>;
