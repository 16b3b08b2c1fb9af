import { Field, Int, ObjectType } from '@nestjs/graphql';
import { CentsScalar } from '@claimtrail/platform';

@ObjectType({ description: 'What became of one claim payment (CLP) of a remittance.' })
export class ClaimPosting {
  @Field({ description: 'CLP01: the claim id, when the claim is ours.' })
  patientControlNumber!: string;

  @Field({ description: 'CLP02: 1/19 primary, 2/20 secondary, 4 denied, 22 reversal.' })
  statusCode!: string;

  @Field(() => CentsScalar)
  chargeCents!: number;

  @Field(() => CentsScalar)
  paidCents!: number;

  @Field(() => String, { nullable: true })
  payerClaimNumber?: string;

  @Field({
    description: 'POSTED, ALREADY_POSTED (by an earlier import), UNMATCHED (work it by hand) or NOT_POSTED.',
  })
  outcome!: string;

  @Field(() => String, { nullable: true, description: 'The claim event it was posted as.' })
  eventType?: string;

  @Field(() => String, { nullable: true, description: 'Why it was not posted: a stable rule.' })
  rule?: string;

  @Field(() => String, { nullable: true })
  message?: string;

  @Field(() => Int, { description: 'Ordinal of its CLP segment in the file (ISA = 1).' })
  position!: number;
}

@ObjectType({
  description:
    'A provider-level adjustment (PLB): interest, forward balance, levy; on the remittance, not a claim.',
})
export class ProviderAdjustment {
  @Field()
  providerId!: string;

  @Field(() => String, { nullable: true })
  fiscalPeriodDate?: string;

  @Field({
    description:
      'PLB reason: L6 interest, FB forward balance, WO overpayment recovery, 72 authorized return…',
  })
  reasonCode!: string;

  @Field(() => String, { nullable: true })
  reference?: string;

  @Field(() => CentsScalar, { description: 'Positive reduces the payment; negative (interest) adds to it.' })
  amountCents!: number;
}

@ObjectType({ description: 'One 835 remittance: the payment, each claim posted, what is left to work.' })
export class RemittanceView {
  @Field()
  payerId!: string;

  @Field()
  payerName!: string;

  @Field({ description: 'TRN02: the check or EFT number.' })
  traceNumber!: string;

  @Field({ description: 'BPR04: ACH, CHK, NON…' })
  paymentMethod!: string;

  @Field()
  paymentDate!: string;

  @Field(() => CentsScalar, { description: 'BPR02 = Σ CLP04 − Σ PLB.' })
  totalPaidCents!: number;

  @Field(() => CentsScalar)
  providerAdjustmentCents!: number;

  @Field(() => Int)
  claimsPosted!: number;

  @Field(() => Int)
  unmatchedCount!: number;

  @Field(() => [ClaimPosting])
  claims!: ClaimPosting[];

  @Field(() => [ProviderAdjustment])
  providerAdjustments!: ProviderAdjustment[];

  @Field(() => Date, { nullable: true })
  importedAt?: Date;
}

@ObjectType()
export class X12ProblemView {
  @Field({ description: 'A stable rule: TRUNCATED, SE_COUNT_MISMATCH, CLAIM_UNBALANCED, UNKNOWN_CLAIM…' })
  rule!: string;

  @Field({ description: 'The segment id, e.g. CLP.' })
  segment!: string;

  @Field(() => Int, { description: 'Ordinal of the segment in the file (ISA = 1).' })
  position!: number;

  @Field()
  message!: string;
}

@ObjectType()
export class ImportCounts {
  @Field(() => Int)
  claims!: number;

  @Field(() => Int)
  posted!: number;

  @Field(() => Int)
  alreadyPosted!: number;

  @Field(() => Int)
  unmatched!: number;

  @Field(() => Int)
  notPosted!: number;
}

@ObjectType({
  description: 'What an import did: nothing at all when the file has a problem (unless allowPartial).',
})
export class ImportReportView {
  @Field({ description: 'Something new was posted.' })
  posted!: boolean;

  @Field({ description: 'Every claim payment had been posted by an earlier import: nothing new.' })
  alreadyImported!: boolean;

  @Field(() => [RemittanceView])
  remittances!: RemittanceView[];

  @Field(() => [ClaimPosting], {
    nullable: true,
    description: 'A 277CA: each claim acknowledged or rejected.',
  })
  claims?: ClaimPosting[];

  @Field(() => [X12ProblemView])
  problems!: X12ProblemView[];

  @Field(() => ImportCounts)
  counts!: ImportCounts;
}

@ObjectType()
export class RemittancePage {
  @Field(() => [RemittanceView])
  nodes!: RemittanceView[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor?: string;

  @Field()
  hasNextPage!: boolean;
}

@ObjectType({ description: 'A claim payment of a remittance that could not be posted: work it by hand.' })
export class UnmatchedRemittanceItem {
  @Field()
  payerId!: string;

  @Field()
  traceNumber!: string;

  @Field()
  paymentDate!: string;

  @Field(() => ClaimPosting)
  claim!: ClaimPosting;
}
