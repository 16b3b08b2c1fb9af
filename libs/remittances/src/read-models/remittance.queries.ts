import { Inject, Injectable } from '@nestjs/common';
import { RequestValidationError } from '@claimtrail/platform';
import { DataSource, type Repository } from 'typeorm';
import { remittanceStreamName } from '../posting/remittance.events.js';
import { RemittanceEntity } from './remittance.entity.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const encodeRemittanceCursor = (row: RemittanceEntity): string =>
  Buffer.from(JSON.stringify([row.paymentDate, row.streamName])).toString('base64url');

/** Client input that reaches SQL: only what encodeRemittanceCursor makes gets through. */
function decodeCursor(cursor: string): [string, string] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const valid =
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    DATE.test(value[0]) &&
    typeof value[1] === 'string' &&
    value[1].length <= 200 &&
    !value[1].includes('\u0000');
  if (!valid)
    throw new RequestValidationError([
      { field: 'after', message: 'after must be a cursor this list returned' },
    ]);
  return value as [string, string];
}

/** Remittances newest payment first, with keyset pages; the unmatched items of each, to work by hand. */
@Injectable()
export class RemittanceQueries {
  private readonly repository: Repository<RemittanceEntity>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.repository = dataSource.getRepository(RemittanceEntity);
  }

  findOne(payerId: string, traceNumber: string): Promise<RemittanceEntity | null> {
    return this.repository.findOneBy({ streamName: remittanceStreamName(payerId, traceNumber) });
  }

  async list(
    first: number,
    after: string | undefined,
    filter: { payerId?: string; unmatchedOnly?: boolean },
  ): Promise<{ rows: RemittanceEntity[]; hasNextPage: boolean }> {
    const query = this.repository.createQueryBuilder('r');
    if (filter.payerId !== undefined) query.andWhere('r.payer_id = :payerId', { payerId: filter.payerId });
    if (filter.unmatchedOnly) query.andWhere('r.unmatched_count > 0');
    if (after !== undefined) {
      const [date, stream] = decodeCursor(after);
      query.andWhere('(r.payment_date, r.stream_name) < (:date, :stream)', { date, stream });
    }
    const rows = await query
      .orderBy('r.payment_date', 'DESC')
      .addOrderBy('r.stream_name', 'DESC')
      .limit(first + 1)
      .getMany();
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
  }
}
