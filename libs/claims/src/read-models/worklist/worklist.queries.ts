import { Inject, Injectable } from '@nestjs/common';
import { RequestValidationError } from '@claimtrail/platform';
import { DataSource } from 'typeorm';
import { CLAIM_ID_PATTERN, isValidLocalDate } from '../../domain/index.js';

export interface WorklistRow {
  claimId: string;
  status: string;
  assignee: string | null;
  payerId: string;
  reason: string;
  actionableFrom: string;
  nextActionDate: string | null;
  deadline: string | null;
  deadlineKind: string | null;
  daysToDeadline: number | null;
  atStakeCents: number;
  insuranceCents: number;
  patientCents: number;
  ageDays: number;
  tier: number;
}

export interface WorklistPage {
  rows: WorklistRow[];
  hasNextPage: boolean;
  totalCount: number;
}

/** Where a page ends: the ranking keys of its last row, and the day the ranking was computed for. */
interface Cursor {
  today: string;
  tier: number;
  atStakeCents: number;
  ageDays: number;
  claimId: string;
}

export function encodeWorklistCursor(today: string, row: WorklistRow): string {
  return Buffer.from(JSON.stringify([today, row.tier, row.atStakeCents, row.ageDays, row.claimId])).toString(
    'base64url',
  );
}

export function decodeWorklistCursor(cursor: string): Cursor {
  const refuse = () =>
    new RequestValidationError([{ field: 'after', message: 'after is not a cursor from this worklist' }]);
  let parsed: unknown;
  try {
    const json = Buffer.from(cursor, 'base64url').toString('utf8');
    if (Buffer.from(json).toString('base64url') !== cursor) throw refuse();
    parsed = JSON.parse(json);
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) throw refuse();
  const [today, tier, atStakeCents, ageDays, claimId] = parsed as unknown[];
  if (
    typeof today !== 'string' ||
    !isValidLocalDate(today) ||
    ![0, 1, 2].includes(tier as number) ||
    !Number.isSafeInteger(atStakeCents) ||
    !Number.isSafeInteger(ageDays) ||
    typeof claimId !== 'string' ||
    !CLAIM_ID_PATTERN.test(claimId)
  )
    throw refuse();
  return {
    today,
    tier: tier as number,
    atStakeCents: atStakeCents as number,
    ageDays: ageDays as number,
    claimId,
  };
}

// Tier 0: a deadline in the next 7 days; tier 1: in the next 30; tier 2: the rest. Within a tier, most money first,
// then oldest service first; the claim id settles ties, so pages are stable for the day the first page was read.
const RANKED = `SELECT claim_id AS "claimId", status, assignee, payer_id AS "payerId", reason,
    actionable_from::text AS "actionableFrom", next_action_date::text AS "nextActionDate", deadline::text AS deadline,
    deadline_kind AS "deadlineKind", deadline - $1::date AS "daysToDeadline", at_stake_cents::text AS "atStake",
    insurance_cents::text AS insurance, patient_cents::text AS patient, $1::date - service_date AS "ageDays",
    CASE WHEN deadline >= $1::date AND deadline - $1::date <= 7 THEN 0
         WHEN deadline >= $1::date AND deadline - $1::date <= 30 THEN 1 ELSE 2 END AS tier
  FROM worklist_items
  WHERE reason IS NOT NULL AND actionable_from <= $1::date AND ($2::text IS NULL OR assignee = $2::text)`;

@Injectable()
export class WorklistQueries {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async page(
    today: string,
    assignee: string | null,
    first: number,
    after: Cursor | undefined,
  ): Promise<WorklistPage> {
    const params: unknown[] = [today, assignee, first + 1];
    let keyset = '';
    if (after) {
      params.push(after.tier, -after.atStakeCents, -after.ageDays, after.claimId);
      keyset = 'WHERE (tier, -"atStake"::bigint, -"ageDays", "claimId") > ($4, $5, $6, $7)';
    }
    // The count and the page are independent reads: on a pooled server they run side by side.
    const [[{ count }], rows]: [
      { count: number }[],
      (Omit<WorklistRow, 'atStakeCents' | 'insuranceCents' | 'patientCents'> & {
        atStake: string;
        insurance: string;
        patient: string;
      })[],
    ] = await Promise.all([
      this.dataSource.query(`SELECT count(*)::int AS count FROM (${RANKED}) ranked`, [today, assignee]),
      this.dataSource.query(
        `SELECT * FROM (${RANKED}) ranked ${keyset}
         ORDER BY tier, "atStake"::bigint DESC, "ageDays" DESC, "claimId" LIMIT $3`,
        params,
      ),
    ]);
    return {
      rows: rows.slice(0, first).map(({ atStake, insurance, patient, ...row }) => ({
        ...row,
        atStakeCents: Number(atStake),
        insuranceCents: Number(insurance),
        patientCents: Number(patient),
      })),
      hasNextPage: rows.length > first,
      totalCount: count,
    };
  }
}
