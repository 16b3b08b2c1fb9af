import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { CLAIM_ID_PATTERN, ClaimError, isValidInstant } from '../../domain/index.js';
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

const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;

const notACursor = () => new ClaimError('VALIDATION_FAILED', 'after is not a cursor from this list', 'after');

/**
 * Strict, because a cursor is client input that reaches SQL: only what encodeCursor makes, with a real instant in the
 * domain's date range (PostgreSQL rejects 2026-02-30 and year 0) and a valid claim id (no NUL), gets through.
 */
export function decodeCursor(cursor: string): Cursor {
  if (typeof cursor !== 'string' || !CURSOR_PATTERN.test(cursor)) throw notACursor();
  const bytes = Buffer.from(cursor, 'base64url');
  // Node skips characters it cannot decode; the round trip refuses them and stray trailing bits.
  if (bytes.toString('base64url') !== cursor) throw notACursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw notACursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw notACursor();
  const [submittedAt, claimId] = decoded as unknown[];
  if (!isValidInstant(submittedAt) || typeof claimId !== 'string' || !CLAIM_ID_PATTERN.test(claimId))
    throw notACursor();
  return { submittedAt, claimId };
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
