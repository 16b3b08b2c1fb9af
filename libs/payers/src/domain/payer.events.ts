export const PAYER_STREAM_PREFIX = 'payer-';

/** One stream per payer: every change of its rules, oldest first. */
export const payerStreamName = (payerId: string): string => `${PAYER_STREAM_PREFIX}${payerId}`;

/** A payer's name and deadlines, in days, as they stood at one version. */
export interface PayerRulesSnapshot {
  name: string;
  timelyFilingDays: number;
  appealWindowDays: number[];
  responseDays: number;
}

/** A payer created (before: null) or its rules changed; version counts the payer's changes from 1. */
export interface PayerRulesChanged {
  type: 'PayerRulesChanged';
  data: {
    payerId: string;
    name: string;
    before: PayerRulesSnapshot | null;
    after: PayerRulesSnapshot;
    version: number;
  };
}

export type PayerEvent = PayerRulesChanged;

export const PAYER_EVENT_VERSIONS = { PayerRulesChanged: 1 } as const;
