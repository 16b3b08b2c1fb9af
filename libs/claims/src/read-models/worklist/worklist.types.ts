import { Field, Int, ObjectType } from '@nestjs/graphql';
import { CentsScalar } from '@claimtrail/platform';

@ObjectType({ description: 'An open claim that needs a human today, and why.' })
export class WorkItem {
  @Field()
  claimId!: string;

  @Field({ description: 'The claim status.' })
  status!: string;

  @Field(() => String, { nullable: true })
  assignee!: string | null;

  @Field()
  payerId!: string;

  @Field({
    description:
      "CREDIT_BALANCE (money received beyond what is owed: refund or offset it), NO_RESPONSE (no payer answer past the payer's usual days after the last submission or appeal), REJECTED (correct and resubmit within timely filing), PENDED (information requested), DENIED (appeal or correct within the appeal window), UNDERPAID (paid less than owed), SECONDARY_NO_RESPONSE (the crossed-over share unpaid past the secondary's usual days), BILL_PATIENT (a patient share not billed yet), PATIENT_BALANCE_OVERDUE (a statement past its due date) or REFER_TO_COLLECTIONS (the final notice past its due date).",
  })
  reason!: string;

  @Field({ description: 'Since when the claim needs work.' })
  actionableFrom!: string;

  @Field(() => String, { nullable: true, description: 'The next action date of its last follow-up.' })
  nextActionDate!: string | null;

  @Field(() => String, { nullable: true, description: 'The nearest deadline this work protects.' })
  deadline!: string | null;

  @Field(() => String, { nullable: true, description: 'TIMELY_FILING, APPEAL or INFO_DUE.' })
  deadlineKind!: string | null;

  @Field(() => Int, { nullable: true, description: 'Days from today to the deadline (negative: passed).' })
  daysToDeadline!: number | null;

  @Field(() => CentsScalar, {
    description: 'Dollars at stake: the insurance balance, or the patient balance for patient work.',
  })
  atStakeCents!: number;

  @Field(() => CentsScalar)
  insuranceCents!: number;

  @Field(() => CentsScalar)
  patientCents!: number;

  @Field(() => Int, { description: 'Days since the first date of service.' })
  ageDays!: number;
}

@ObjectType()
export class WorkItemEdge {
  @Field()
  cursor!: string;

  @Field(() => WorkItem)
  node!: WorkItem;
}

@ObjectType()
export class WorklistPageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({
  description:
    'Ranked: a deadline within 7 days first, then within 30 days, then the rest; within each, most dollars at stake, then oldest service.',
})
export class WorklistConnection {
  @Field(() => [WorkItemEdge])
  edges!: WorkItemEdge[];

  @Field(() => WorklistPageInfo)
  pageInfo!: WorklistPageInfo;

  @Field(() => Int)
  totalCount!: number;
}
