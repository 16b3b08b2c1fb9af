import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { ClaimError } from '../../domain/index.js';
import { ClaimSummaryEntity } from './claim-summary.entity.js';

export interface ClaimListFilter {
  status?: string[];
  payerId?: string[];
}

export interface ClaimPage {
  rows: ClaimSummaryEntity[];
  hasNextPage: boolean;
  totalCount: number;
}

interface Cursor {
  submittedAt: string;
  claimId: string;
}

export const encodeCursor = (row: ClaimSummaryEntity): string =>
  Buffer.from(JSON.stringify([row.submittedAt.toISOString(), row.claimId])).toString('base64url');

export function decodeCursor(cursor: string): Cursor {
  try {
    const [submittedAt, claimId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof submittedAt !== 'string' ||
      Number.isNaN(Date.parse(submittedAt)) ||
      typeof claimId !== 'string'
    )
      throw new Error();
    return { submittedAt, claimId };
  } catch {
    throw new ClaimError('VALIDATION_FAILED', 'after is not a cursor from this list', 'after');
  }
}

/** Newest submissions first; keyset pagination on (submittedAt, claimId), so pages stay stable while claims arrive. */
@Injectable()
export class ClaimSummaryQueries {
  private readonly repository: Repository<ClaimSummaryEntity>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.repository = dataSource.getRepository(ClaimSummaryEntity);
  }

  findOne(claimId: string): Promise<ClaimSummaryEntity | null> {
    return this.repository.findOneBy({ claimId });
  }

  async list(first: number, after: string | undefined, filter: ClaimListFilter = {}): Promise<ClaimPage> {
    const query = this.repository.createQueryBuilder('c');
    if (filter.status?.length) query.andWhere('c.status IN (:...status)', { status: filter.status });
    if (filter.payerId?.length) query.andWhere('c.payer_id IN (:...payerId)', { payerId: filter.payerId });
    const totalCount = await query.clone().getCount();
    if (after) {
      const cursor = decodeCursor(after);
      query.andWhere('(c.submitted_at, c.claim_id) < (:submittedAt, :claimId)', cursor);
    }
    const rows = await query
      .orderBy('c.submitted_at', 'DESC')
      .addOrderBy('c.claim_id', 'DESC')
      .limit(first + 1)
      .getMany();
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
  }
}
