import { Args, Int, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { WorklistConnection } from '@claimtrail/claims';
import { checkPageSize, Roles } from '@claimtrail/platform';
import { encodeRemittanceCursor, RemittanceQueries } from '../read-models/remittance.queries.js';
import type { RemittanceEntity } from '../read-models/remittance.entity.js';
import { RemittancePage, RemittanceView, UnmatchedRemittanceItem } from './remittance.types.js';

const MAX_PAGE = 200;

const toView = (row: RemittanceEntity): RemittanceView => Object.assign(new RemittanceView(), row);

/** The remittances read model: each remittance imported, and the claim payments left to work by hand. */
@Resolver()
export class RemittancesResolver {
  constructor(private readonly queries: RemittanceQueries) {}

  @Roles('biller', 'follow-up', 'auditor', 'admin')
  @Query(() => RemittanceView, {
    nullable: true,
    description: 'One remittance by payer and trace number (TRN02).',
  })
  async remittance(
    @Args('payerId') payerId: string,
    @Args('traceNumber') traceNumber: string,
  ): Promise<RemittanceView | null> {
    const row = await this.queries.findOne(payerId, traceNumber);
    return row && toView(row);
  }

  @Roles('biller', 'follow-up', 'auditor', 'admin')
  @Query(() => RemittancePage, { description: 'Remittances imported, newest payment first.' })
  async remittances(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('payerId', { type: () => String, nullable: true }) payerId?: string,
  ): Promise<RemittancePage> {
    const { rows, hasNextPage } = await this.queries.list(
      checkPageSize(first, MAX_PAGE),
      after ?? undefined,
      {
        ...(payerId != null && { payerId }),
      },
    );
    return {
      nodes: rows.map(toView),
      endCursor: rows.at(-1) && encodeRemittanceCursor(rows.at(-1)!),
      hasNextPage,
    };
  }

  @Roles('biller', 'follow-up', 'auditor', 'admin')
  @Query(() => [UnmatchedRemittanceItem], {
    description:
      'Claim payments of imported remittances that could not be posted: the remittance work queue.',
  })
  async unmatchedRemittanceItems(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<UnmatchedRemittanceItem[]> {
    const { rows } = await this.queries.list(checkPageSize(first, MAX_PAGE), undefined, {
      unmatchedOnly: true,
    });
    return rows
      .flatMap((row) =>
        row.claims
          .filter((claim) => claim.outcome === 'UNMATCHED')
          .map((claim) => ({
            payerId: row.payerId,
            traceNumber: row.traceNumber,
            paymentDate: row.paymentDate,
            claim,
          })),
      )
      .slice(0, first);
  }
}

/** The claim worklist shows the remittance work beside it: claim payments no claim could take. */
@Resolver(() => WorklistConnection)
export class WorklistRemittancesResolver {
  constructor(private readonly remittances: RemittancesResolver) {}

  @ResolveField(() => [UnmatchedRemittanceItem], {
    description: 'Claim payments of imported remittances that could not be posted, newest payment first.',
  })
  unmatchedRemittances(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<UnmatchedRemittanceItem[]> {
    return this.remittances.unmatchedRemittanceItems(first);
  }
}
