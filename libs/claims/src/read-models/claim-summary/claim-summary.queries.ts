import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { CLAIM_ID_PATTERN, ClaimError, isValidInstant, isValidLocalDate } from '../../domain/index.js';
import { ClaimSummaryEntity } from './claim-summary.entity.js';

export interface ClaimListFilter {
  status?: string[];
  payerId?: string[];
  providerNpi?: string[];
  assignee?: string;
  serviceDateFrom?: string;
  serviceDateTo?: string;
  submittedFrom?: string;
  submittedTo?: string;
  minInsuranceBalanceCents?: number;
  minPatientBalanceCents?: number;
  /** True: only claims with a credit balance (a compliance report of their own); false: only those without. */
  hasCreditBalance?: boolean;
  /** True: only claims with a deadline from today on; false: only those without one. */
  hasOpenDeadline?: boolean;
}

export type ClaimOrderField = 'SUBMISSION_DATE' | 'BALANCE' | 'AGE' | 'NEXT_DEADLINE' | 'CREDIT';
export type SortDirection = 'ASC' | 'DESC';

export interface ClaimOrder {
  field: ClaimOrderField;
  direction: SortDirection;
}

export const DEFAULT_ORDER: ClaimOrder = { field: 'SUBMISSION_DATE', direction: 'DESC' };

export interface ClaimPage {
  rows: ClaimSummaryEntity[];
  hasNextPage: boolean;
  totalCount: number;
}

/** Where a page ends: the order it was read in, the sort value of its last row, and that row's claim id. */
interface Cursor {
  order: ClaimOrder;
  value: string | number | null;
  claimId: string;
}

/** The sort key per order: SQL over the row, and the same value read from an entity for the cursor. */
const SORT: Record<ClaimOrderField, { sql: string; of(row: ClaimSummaryEntity): string | number }> = {
  SUBMISSION_DATE: { sql: 'c.submitted_at', of: (row) => row.submittedAt.toISOString() },
  BALANCE: {
    sql: '(c.insurance_balance_cents + c.patient_balance_cents)',
    of: (row) => row.insuranceBalanceCents + row.patientBalanceCents,
  },
  CREDIT: { sql: 'c.credit_cents', of: (row) => row.creditCents },
  // Older first when descending: age grows as the date of service recedes.
  AGE: { sql: 'c.service_date_from', of: (row) => row.serviceDateFrom },
  NEXT_DEADLINE: {
    sql: "coalesce(c.next_deadline, '9999-12-31'::date)",
    of: (row) => row.nextDeadline ?? '9999-12-31',
  },
};

/** The default order keeps the cursor it always had ([submittedAt, claimId]); other orders name themselves. */
export function encodeCursor(row: ClaimSummaryEntity, order: ClaimOrder = DEFAULT_ORDER): string {
  const value = SORT[order.field].of(row);
  const content =
    order.field === DEFAULT_ORDER.field && order.direction === DEFAULT_ORDER.direction
      ? [value, row.claimId]
      : [order.field, order.direction, value, row.claimId];
  return Buffer.from(JSON.stringify(content)).toString('base64url');
}

const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;

const notACursor = () => new ClaimError('VALIDATION_FAILED', 'after is not a cursor from this list', 'after');

function sortValueValid(field: ClaimOrderField, value: unknown): boolean {
  if (field === 'SUBMISSION_DATE') return isValidInstant(value);
  if (field === 'BALANCE' || field === 'CREDIT') return Number.isSafeInteger(value);
  return typeof value === 'string' && (isValidLocalDate(value) || value === '9999-12-31');
}

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
  if (!Array.isArray(decoded) || (decoded.length !== 2 && decoded.length !== 4)) throw notACursor();
  const [field, direction, value, claimId] =
    decoded.length === 2
      ? [DEFAULT_ORDER.field, DEFAULT_ORDER.direction, decoded[0], decoded[1]]
      : (decoded as unknown[]);
  if (
    !Object.hasOwn(SORT, field as string) ||
    (direction !== 'ASC' && direction !== 'DESC') ||
    !sortValueValid(field as ClaimOrderField, value) ||
    typeof claimId !== 'string' ||
    !CLAIM_ID_PATTERN.test(claimId)
  )
    throw notACursor();
  return {
    order: { field: field as ClaimOrderField, direction },
    value: value as string | number,
    claimId,
  };
}

/** Filtered, ordered pages; keyset pagination on (sort value, claimId), so pages stay stable while claims arrive. */
@Injectable()
export class ClaimSummaryQueries {
  private readonly repository: Repository<ClaimSummaryEntity>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.repository = dataSource.getRepository(ClaimSummaryEntity);
  }

  findOne(claimId: string): Promise<ClaimSummaryEntity | null> {
    return this.repository.findOneBy({ claimId });
  }

  async list(
    first: number,
    after: string | undefined,
    filter: ClaimListFilter = {},
    order: ClaimOrder = DEFAULT_ORDER,
    today?: string,
  ): Promise<ClaimPage> {
    const query = this.repository.createQueryBuilder('c');
    if (filter.status?.length) query.andWhere('c.status IN (:...status)', { status: filter.status });
    if (filter.payerId?.length) query.andWhere('c.payer_id IN (:...payerId)', { payerId: filter.payerId });
    if (filter.providerNpi?.length)
      query.andWhere('c.provider_npi IN (:...providerNpi)', { providerNpi: filter.providerNpi });
    if (filter.assignee !== undefined)
      query.andWhere('c.assignee = :assignee', { assignee: filter.assignee });
    if (filter.serviceDateFrom)
      query.andWhere('c.service_date_from >= :serviceDateFrom', { serviceDateFrom: filter.serviceDateFrom });
    if (filter.serviceDateTo)
      query.andWhere('c.service_date_from <= :serviceDateTo', { serviceDateTo: filter.serviceDateTo });
    // Submission dates are the business date of the first submission (UTC), as the reports date them.
    if (filter.submittedFrom)
      query.andWhere("(c.submitted_at AT TIME ZONE 'UTC')::date >= :submittedFrom", {
        submittedFrom: filter.submittedFrom,
      });
    if (filter.submittedTo)
      query.andWhere("(c.submitted_at AT TIME ZONE 'UTC')::date <= :submittedTo", {
        submittedTo: filter.submittedTo,
      });
    if (filter.minInsuranceBalanceCents !== undefined)
      query.andWhere('c.insurance_balance_cents >= :minInsurance', {
        minInsurance: filter.minInsuranceBalanceCents,
      });
    if (filter.minPatientBalanceCents !== undefined)
      query.andWhere('c.patient_balance_cents >= :minPatient', { minPatient: filter.minPatientBalanceCents });
    if (filter.hasCreditBalance !== undefined)
      query.andWhere(filter.hasCreditBalance ? 'c.credit_cents > 0' : 'c.credit_cents = 0');
    if (filter.hasOpenDeadline !== undefined && today !== undefined)
      query.andWhere(
        filter.hasOpenDeadline
          ? 'c.next_deadline >= :today'
          : '(c.next_deadline IS NULL OR c.next_deadline < :today)',
        { today },
      );
    const totalCount = await query.clone().getCount();
    const sort = SORT[order.field].sql;
    if (after) {
      const cursor = decodeCursor(after);
      if (cursor.order.field !== order.field || cursor.order.direction !== order.direction)
        throw new ClaimError('VALIDATION_FAILED', 'after is a cursor of another order of this list', 'after');
      query.andWhere(`(${sort}, c.claim_id) ${order.direction === 'DESC' ? '<' : '>'} (:value, :claimId)`, {
        value: cursor.value,
        claimId: cursor.claimId,
      });
    }
    const rows = await query
      .orderBy(sort, order.direction)
      .addOrderBy('c.claim_id', order.direction)
      .limit(first + 1)
      .getMany();
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
  }
}
