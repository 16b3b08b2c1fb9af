import { registerEnumType } from '@nestjs/graphql';
import {
  ADJUSTMENT_GROUPS,
  APPEAL_OUTCOMES,
  CREDIT_RESOLUTIONS,
  CREDIT_SIDES,
  FOLLOW_UP_CHANNELS,
  PAYER_RANKS,
  RESUBMISSION_FREQUENCIES,
  STATEMENT_CYCLES,
  WRITE_OFF_REASONS,
  WRITE_OFF_SIDES,
} from '../../domain/index.js';

/** A GraphQL enum whose names are its values, built from a domain list so that the two cannot drift apart. */
export function enumOf<T extends string>(values: readonly T[]): { readonly [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { readonly [K in T]: K };
}

export type ValueOf<E> = E[keyof E];

export const AdjustmentGroupCode = enumOf(ADJUSTMENT_GROUPS);
export type AdjustmentGroupCode = ValueOf<typeof AdjustmentGroupCode>;

/** ORIGINAL ('1') after a front-end rejection; CORRECTED ('7') replaces a claim the payer adjudicated. */
export const ResubmissionFrequency = RESUBMISSION_FREQUENCIES;
export type ResubmissionFrequency = ValueOf<typeof ResubmissionFrequency>;

export const AppealOutcome = enumOf(APPEAL_OUTCOMES);
export type AppealOutcome = ValueOf<typeof AppealOutcome>;

export const WriteOffReason = enumOf(WRITE_OFF_REASONS);
export type WriteOffReason = ValueOf<typeof WriteOffReason>;

export const WriteOffSide = enumOf(WRITE_OFF_SIDES);
export type WriteOffSide = ValueOf<typeof WriteOffSide>;

export const PayerRank = enumOf(PAYER_RANKS);
export type PayerRank = ValueOf<typeof PayerRank>;

export const CreditSide = enumOf(CREDIT_SIDES);
export type CreditSide = ValueOf<typeof CreditSide>;

export const CreditResolution = enumOf(CREDIT_RESOLUTIONS);
export type CreditResolution = ValueOf<typeof CreditResolution>;

export const StatementCycle = enumOf(STATEMENT_CYCLES);
export type StatementCycle = ValueOf<typeof StatementCycle>;

export const FollowUpChannel = enumOf(FOLLOW_UP_CHANNELS);
export type FollowUpChannel = ValueOf<typeof FollowUpChannel>;

registerEnumType(AdjustmentGroupCode, {
  name: 'AdjustmentGroupCode',
  description: 'CO contractual, PR patient responsibility, OA other, PI payer-initiated.',
});
registerEnumType(ResubmissionFrequency, { name: 'ResubmissionFrequency' });
registerEnumType(AppealOutcome, { name: 'AppealOutcome' });
registerEnumType(WriteOffReason, { name: 'WriteOffReason' });
registerEnumType(WriteOffSide, { name: 'WriteOffSide' });
registerEnumType(PayerRank, { name: 'PayerRank', description: 'Which payer sent a remittance.' });
registerEnumType(CreditSide, { name: 'CreditSide', description: 'Who a credit balance is owed back to.' });
registerEnumType(CreditResolution, { name: 'CreditResolution' });
registerEnumType(StatementCycle, { name: 'StatementCycle' });
registerEnumType(FollowUpChannel, { name: 'FollowUpChannel' });
