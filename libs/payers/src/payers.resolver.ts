import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PAYER_ID_PATTERN } from '@claimtrail/claims';
import {
  CLOCK,
  Identity,
  RequestValidationError,
  Roles,
  type Clock,
  type RequestIdentity,
} from '@claimtrail/platform';
import { ChangePayerRulesHandler } from './change-payer-rules.handler.js';
import type { PayerEntity } from './payer.entity.js';
import { PayerRuleChange } from './payer-rule-change.type.js';
import { PayerRuleHistoryQueries, type PayerRuleChangeRecord } from './payer-rule-history.queries.js';
import { PayerRulesRepository } from './payer-rules.repository.js';
import { Payer } from './payer.type.js';
import { UpsertPayerInput } from './upsert-payer.input.js';

const toPayer = (row: PayerEntity): Payer => Object.assign(new Payer(), row);

const toChange = (record: PayerRuleChangeRecord): PayerRuleChange =>
  Object.assign(new PayerRuleChange(), { ...record, changedAt: new Date(record.changedAt) });

@Resolver(() => Payer)
export class PayersResolver {
  constructor(
    private readonly rules: PayerRulesRepository,
    private readonly changeRules: ChangePayerRulesHandler,
    private readonly history: PayerRuleHistoryQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Roles('biller', 'follow-up', 'auditor', 'analyst', 'admin')
  @Query(() => [Payer], {
    description: 'Configured payers; claims to any other payer use Medicare-like rules.',
  })
  async payers(): Promise<Payer[]> {
    return (await this.rules.list()).map(toPayer);
  }

  @Roles('admin', 'auditor')
  @Query(() => [PayerRuleChange], {
    description: "Every change of a payer's rules, oldest first: who, when, and the rules before and after.",
  })
  async payerRuleChanges(@Args('payerId') payerId: string): Promise<PayerRuleChange[]> {
    if (!PAYER_ID_PATTERN.test(payerId))
      throw new RequestValidationError([
        { field: 'payerId', message: 'payerId must be 2-10 upper-case letters or digits' },
      ]);
    return (await this.history.changes(payerId)).map(toChange);
  }

  @Roles('admin')
  @Mutation(() => Payer, {
    description:
      "Create or change a payer's deadlines; claims filed later use them. Each change is recorded " +
      '(payerRuleChanges); one that changes nothing records nothing.',
  })
  async upsertPayer(
    @Args('input') input: UpsertPayerInput,
    @Identity() identity: RequestIdentity,
  ): Promise<Payer> {
    const payer = await this.changeRules.execute(input, {
      actor: identity.actor,
      occurredAt: this.clock.now(),
      correlationId: identity.correlationId,
    });
    return toPayer(payer);
  }
}
