import type { PayerEvent, PayerRulesSnapshot } from './payer.events.js';

/** The payer's current rules (null: no such payer) and how many changes made them (0 before any). */
export interface PayerState {
  version: number;
  rules: PayerRulesSnapshot | null;
}

export const initialPayerState: PayerState = { version: 0, rules: null };

export function evolvePayer(_state: PayerState, event: PayerEvent): PayerState {
  return { version: event.data.version, rules: event.data.after };
}
