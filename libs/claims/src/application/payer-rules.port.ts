import type { PayerRules } from '../domain/index.js';

/** Where the application finds a payer's deadlines when a claim is filed; the claim keeps a copy. */
export interface PayerRulesPort {
  rulesFor(payerId: string): Promise<PayerRules>;
}

export const PAYER_RULES = Symbol('PAYER_RULES');
