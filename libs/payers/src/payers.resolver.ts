import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CLOCK, Identity, type Clock, type RequestIdentity, Roles } from '@claimtrail/platform';
import { PayerRulesRepository } from './payer-rules.repository.js';
import { Payer } from './payer.type.js';
import { UpsertPayerInput } from './upsert-payer.input.js';
import type { PayerEntity } from './payer.entity.js';

const toPayer = (row: PayerEntity): Payer => Object.assign(new Payer(), row);

@Resolver(() => Payer)
export class PayersResolver {
  constructor(
    private readonly rules: PayerRulesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Roles('biller', 'follow-up', 'auditor', 'analyst', 'admin')
  @Query(() => [Payer], {
    description: 'Configured payers; claims to any other payer use Medicare-like rules.',
  })
  async payers(): Promise<Payer[]> {
    return (await this.rules.list()).map(toPayer);
  }

  @Roles('admin')
  @Mutation(() => Payer, {
    description: "Create or change a payer's deadlines; claims filed later use them.",
  })
  async upsertPayer(
    @Args('input') input: UpsertPayerInput,
    @Identity() identity: RequestIdentity,
  ): Promise<Payer> {
    return toPayer(await this.rules.upsert(input, identity.actor, this.clock.now()));
  }
}
