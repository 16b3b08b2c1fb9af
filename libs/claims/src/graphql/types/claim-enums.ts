import { registerEnumType } from '@nestjs/graphql';

export enum AdjustmentGroupCode {
  CO = 'CO',
  PR = 'PR',
  OA = 'OA',
  PI = 'PI',
}

export enum ResubmissionFrequency {
  /** Original claim sent again after a front-end rejection. */
  ORIGINAL = '1',
  /** Replacement of a prior claim: a corrected claim. */
  CORRECTED = '7',
}

export enum AppealOutcome {
  OVERTURNED = 'OVERTURNED',
  PARTIALLY_OVERTURNED = 'PARTIALLY_OVERTURNED',
  UPHELD = 'UPHELD',
}

export enum WriteOffReason {
  CONTRACTUAL = 'CONTRACTUAL',
  BAD_DEBT = 'BAD_DEBT',
  SMALL_BALANCE = 'SMALL_BALANCE',
  TIMELY_FILING = 'TIMELY_FILING',
  OTHER = 'OTHER',
}

export enum FollowUpChannel {
  PHONE = 'PHONE',
  PORTAL = 'PORTAL',
  EDI_276 = 'EDI_276',
  EMAIL = 'EMAIL',
  FAX = 'FAX',
  MAIL = 'MAIL',
}

registerEnumType(AdjustmentGroupCode, {
  name: 'AdjustmentGroupCode',
  description: 'CO contractual, PR patient responsibility, OA other, PI payer-initiated.',
});
registerEnumType(ResubmissionFrequency, { name: 'ResubmissionFrequency' });
registerEnumType(AppealOutcome, { name: 'AppealOutcome' });
registerEnumType(WriteOffReason, { name: 'WriteOffReason' });
registerEnumType(FollowUpChannel, { name: 'FollowUpChannel' });
