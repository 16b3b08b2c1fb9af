import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class Payer {
  @Field()
  payerId!: string;

  @Field()
  name!: string;

  @Field(() => Int, { description: 'Days from the date of service to file a claim.' })
  timelyFilingDays!: number;

  @Field(() => [Int], { description: 'Days to file each appeal level, from the decision before it.' })
  appealWindowDays!: number[];

  @Field(() => Int, {
    description: 'Days the payer usually takes to respond; past it a claim needs follow-up.',
  })
  responseDays!: number;

  @Field(() => Int, {
    description:
      'Changes to the rules so far (payerRuleChanges lists them); 0 for a payer configured before rule history.',
  })
  version!: number;

  @Field()
  updatedBy!: string;

  @Field()
  updatedAt!: Date;
}
