import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CentsScalar } from '@claimtrail/platform';

export enum AgingBasis {
  SERVICE_DATE = 'SERVICE_DATE',
  SUBMISSION_DATE = 'SUBMISSION_DATE',
}
export enum AgingGroupBy {
  PAYER = 'PAYER',
  PROVIDER = 'PROVIDER',
  NONE = 'NONE',
}
export enum TimeBasis {
  OCCURRED = 'OCCURRED',
  RECORDED = 'RECORDED',
}
export enum Granularity {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
export enum DenialGroupBy {
  PAYER = 'PAYER',
  REASON = 'REASON',
  PAYER_AND_REASON = 'PAYER_AND_REASON',
}

registerEnumType(AgingBasis, {
  name: 'AgingBasis',
  description:
    'What a claim ages from: its first date of service (the default, as HFMA reports AR) or its first submission.',
});
registerEnumType(AgingGroupBy, { name: 'AgingGroupBy' });
registerEnumType(TimeBasis, {
  name: 'TimeBasis',
  description:
    'OCCURRED: balances as they stood by business time (an event counts on its business date, so a payment entered today and dated last month counts last month). RECORDED: balances as the system knew them (an event counts on the day it was recorded), for reproducing a report as it was run.',
});
registerEnumType(Granularity, {
  name: 'Granularity',
  description: 'Calendar weeks (starting Monday) or calendar months; a period is named by its first day.',
});
registerEnumType(DenialGroupBy, { name: 'DenialGroupBy' });

@ObjectType({ description: 'Balances owed in one age bucket.' })
export class AgingBucket {
  @Field({ description: 'DAYS_0_30, DAYS_31_60, DAYS_61_90, DAYS_91_120 or OVER_120.' })
  bucket!: string;

  @Field(() => Int, { description: 'Youngest age in the bucket, in days.' })
  minDays!: number;

  @Field(() => Int, { nullable: true, description: 'Oldest age in the bucket, in days; null for the last.' })
  maxDays!: number | null;

  @Field(() => CentsScalar, { description: 'Owed by payers.' })
  insuranceCents!: number;

  @Field(() => CentsScalar, { description: 'Owed by patients.' })
  patientCents!: number;

  @Field(() => CentsScalar, { description: 'insuranceCents + patientCents.' })
  totalCents!: number;

  @Field(() => Int, { description: 'Claims with a balance (insurance or patient) in this bucket.' })
  claims!: number;
}

@ObjectType({ description: 'One payer, provider, or the whole book, across the age buckets.' })
export class AgingGroup {
  @Field(() => String, { nullable: true, description: 'Payer id or provider NPI; null when not grouped.' })
  key!: string | null;

  @Field(() => [AgingBucket])
  buckets!: AgingBucket[];

  @Field(() => AgingBucket, { description: 'All buckets together (bucket TOTAL).' })
  total!: AgingBucket;
}

@ObjectType({
  description:
    "Accounts receivable by age at the end of asOf: each claim's balances as they stood that day (on the chosen time basis), aged from its service or submission date to asOf. Claims with nothing owed are not in AR; a voided claim leaves AR the day it is voided.",
})
export class AgingReport {
  @Field()
  asOf!: string;

  @Field(() => AgingBasis)
  basis!: `${AgingBasis}`;

  @Field(() => TimeBasis)
  timeBasis!: `${TimeBasis}`;

  @Field(() => AgingGroupBy)
  groupBy!: `${AgingGroupBy}`;

  @Field(() => [AgingGroup])
  groups!: AgingGroup[];

  @Field(() => AgingGroup, { description: 'Every group together.' })
  total!: AgingGroup;
}

@ObjectType({
  description:
    'Full-claim denials (ClaimDenied) in one period, counted by denial date; appeals and overturns are counted against the denial they concern, in its period.',
})
export class DenialTrendRow {
  @Field({ description: 'First day of the period.' })
  period!: string;

  @Field(() => String, { nullable: true })
  payerId!: string | null;

  @Field(() => String, { nullable: true, description: 'Group code and CARC, e.g. CO-50.' })
  reason!: string | null;

  @Field(() => Int)
  denials!: number;

  @Field(() => CentsScalar, { description: 'Amounts the payer denied.' })
  deniedCents!: number;

  @Field(() => Int, { description: 'Of these denials, those appealed.' })
  appealed!: number;

  @Field(() => Int, { description: 'Of these denials, those whose appeal was overturned (fully or partly).' })
  overturned!: number;

  @Field(() => Float, { nullable: true, description: 'overturned ÷ appealed; null when none was appealed.' })
  overturnRate!: number | null;

  @Field(() => Int, {
    description: 'Claims whose first payer decision was this kind of denial, in the period.',
  })
  initialDenials!: number;

  @Field(() => Int, {
    description:
      'Claims the payer (or, grouped by reason only, any payer) decided for the first time in the period: paid, partly paid or denied.',
  })
  claimsAdjudicated!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Initial denial rate: initialDenials ÷ claimsAdjudicated; null when nothing was adjudicated.',
  })
  initialDenialRate!: number | null;
}

@ObjectType({
  description:
    'Days between two events of the same claims: count, mean, median and 90th percentile (linear interpolation between closest ranks, as PERCENTILE.INC).',
})
export class ResponseStats {
  @Field(() => Int)
  count!: number;

  @Field(() => Float, { nullable: true })
  mean!: number | null;

  @Field(() => Float, { nullable: true })
  median!: number | null;

  @Field(() => Float, { nullable: true })
  p90!: number | null;
}

@ObjectType({
  description:
    "A payer's response times for the claims first submitted in the period (pends: those that started in it). Days are business days between the two events' business dates, calendar days.",
})
export class PayerResponseTimes {
  @Field()
  payerId!: string;

  @Field({ description: 'First day of the period.' })
  period!: string;

  @Field(() => ResponseStats, { description: 'First submission to first acknowledgement (277CA A1/A2).' })
  toAcknowledgement!: ResponseStats;

  @Field(() => ResponseStats, {
    description: 'First submission to the first payer decision (paid or denied).',
  })
  toFirstAdjudication!: ResponseStats;

  @Field(() => ResponseStats, { description: 'First submission to the first payment with money in it.' })
  toFirstPayment!: ResponseStats;

  @Field(() => ResponseStats, {
    description: 'A pend (information requested) to its end: information sent, a decision, or a void.',
  })
  pendDuration!: ResponseStats;
}

@ObjectType({
  description: 'A key performance indicator with what it is computed from, so it can be checked.',
})
export class Kpi {
  @Field(() => Float, {
    nullable: true,
    description: 'numerator ÷ denominator; null when the denominator is 0.',
  })
  value!: number | null;

  @Field(() => Float)
  numerator!: number;

  @Field(() => Float)
  denominator!: number;

  @Field({ description: 'What the numerator and denominator count.' })
  definition!: string;
}

@ObjectType({ description: 'HFMA-style KPIs over [from, to]; ratios are fractions (0.25 is 25 %).' })
export class KpiReport {
  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => Kpi)
  daysInAr!: Kpi;

  @Field(() => Kpi)
  arOver90Days!: Kpi;

  @Field(() => Kpi)
  cleanClaimRate!: Kpi;

  @Field(() => Kpi)
  firstPassResolutionRate!: Kpi;

  @Field(() => Kpi)
  denialRate!: Kpi;

  @Field(() => Kpi)
  netCollectionRate!: Kpi;
}
