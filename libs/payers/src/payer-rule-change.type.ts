import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "A payer's name and deadlines at one version." })
export class PayerRulesSnapshot {
  @Field()
  name!: string;

  @Field(() => Int)
  timelyFilingDays!: number;

  @Field(() => [Int])
  appealWindowDays!: number[];

  @Field(() => Int)
  responseDays!: number;
}

@ObjectType({ description: "One change of a payer's rules, as recorded in the payer's history." })
export class PayerRuleChange {
  @Field(() => Int, { description: 'The version this change made; claims filed under it record it.' })
  version!: number;

  @Field()
  changedBy!: string;

  @Field()
  changedAt!: Date;

  @Field(() => String, { nullable: true })
  correlationId?: string;

  @Field(() => PayerRulesSnapshot, { nullable: true, description: 'Null when the change created the payer.' })
  before?: PayerRulesSnapshot | null;

  @Field(() => PayerRulesSnapshot)
  after!: PayerRulesSnapshot;
}
