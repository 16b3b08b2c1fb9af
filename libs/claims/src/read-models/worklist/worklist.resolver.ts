import { Inject } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import {
  checkPageSize,
  CLOCK,
  ReadYourWrites,
  RequestValidationError,
  type Clock,
  Roles,
} from '@claimtrail/platform';
import { localDateOf, REFERENCE_ID_PATTERN } from '../../domain/index.js';
import { worklistProjection } from './worklist.projection.js';
import { decodeWorklistCursor, encodeWorklistCursor, WorklistQueries } from './worklist.queries.js';
import { WorklistConnection } from './worklist.types.js';

const MAX_PAGE = 200;

@Resolver()
export class WorklistResolver {
  constructor(
    private readonly queries: WorklistQueries,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Roles('follow-up', 'biller')
  @Query(() => WorklistConnection, { description: 'Open claims that need action today, most urgent first.' })
  async worklist(
    @Args('assignee', {
      type: () => String,
      nullable: true,
      description: 'Only this biller; all when omitted.',
    })
    assignee: string | undefined,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Args('atLeastPosition', { type: () => String, nullable: true }) atLeastPosition?: string,
  ): Promise<WorklistConnection> {
    checkPageSize(first, MAX_PAGE);
    if (assignee !== undefined && assignee !== null && !REFERENCE_ID_PATTERN.test(assignee))
      throw new RequestValidationError([{ field: 'assignee', message: 'assignee is not a user id' }]);
    const cursor = after === undefined || after === null ? undefined : decodeWorklistCursor(after);
    await this.readYourWrites.waitFor([worklistProjection.name], atLeastPosition);
    // A second page ranks as of the first page's day, so that paging across midnight neither skips nor repeats.
    const today = cursor?.today ?? localDateOf(this.clock.now().toISOString());
    const page = await this.queries.page(today, assignee ?? null, first, cursor);
    const edges = page.rows.map((row) => ({ cursor: encodeWorklistCursor(today, row), node: row }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }
}
