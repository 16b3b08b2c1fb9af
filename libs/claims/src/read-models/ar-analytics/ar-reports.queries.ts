import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TimeBasis } from './ar-analytics.rows.js';

export type AgingBasis = 'SERVICE_DATE' | 'SUBMISSION_DATE';
export type AgingGroupBy = 'PAYER' | 'PROVIDER' | 'NONE';
export type Granularity = 'WEEK' | 'MONTH';
export type DenialGroupBy = 'PAYER' | 'REASON' | 'PAYER_AND_REASON';
export type ResponseMetric = 'ACKNOWLEDGEMENT' | 'FIRST_ADJUDICATION' | 'FIRST_PAYMENT' | 'PEND';

/** Age buckets in days, inclusive: 0-30, 31-60, 61-90, 91-120, over 120. */
export const AGING_BUCKETS = [
  { name: 'DAYS_0_30', minDays: 0, maxDays: 30 },
  { name: 'DAYS_31_60', minDays: 31, maxDays: 60 },
  { name: 'DAYS_61_90', minDays: 61, maxDays: 90 },
  { name: 'DAYS_91_120', minDays: 91, maxDays: 120 },
  { name: 'OVER_120', minDays: 121, maxDays: null },
] as const;

export interface AgingCell {
  key: string | null;
  bucket: number;
  insuranceCents: number;
  patientCents: number;
  claims: number;
}

export interface DenialCell {
  period: string;
  payerId: string | null;
  reason: string | null;
  denials: number;
  deniedCents: number;
  appealed: number;
  overturned: number;
  initialDenials: number;
}

export interface AdjudicationCell {
  period: string;
  payerId: string | null;
  adjudicated: number;
}

export interface ResponseCell {
  payerId: string;
  period: string;
  metric: ResponseMetric;
  count: number;
  mean: number;
  median: number;
  p90: number;
}

export interface KpiInputs {
  arCents: number;
  arOver90Cents: number;
  chargeCents: number;
  contractualCents: number;
  collectedCents: number;
  submitted: number;
  clean: number;
  adjudicated: number;
  resolvedOnFirstPass: number;
  deniedOnFirstPass: number;
}

const GRANULARITY: Record<Granularity, string> = { WEEK: 'week', MONTH: 'month' };

/**
 * The open balance of each claim at the end of asOf, as a derived table over ar_balance_periods. Two disjoint parts,
 * each served by a partial index: periods still open (a claim's current balance) and periods that ended after asOf.
 * One condition with an OR made PostgreSQL read every period on the basis, about 2 per claim ever billed, to keep
 * the few still open then.
 */
const OPEN_AT = `FROM (
    SELECT * FROM ar_balance_periods WHERE basis = $2 AND valid_to IS NULL AND valid_from <= $1::date
    UNION ALL
    SELECT * FROM ar_balance_periods WHERE basis = $2 AND valid_to > $1::date AND valid_from <= $1::date
  ) open_periods`;

/** SQL over the AR facts; amounts come back as text (bigint sums) and are turned into numbers here. */
@Injectable()
export class ArReportQueries {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async aging(
    asOf: string,
    basis: AgingBasis,
    groupBy: AgingGroupBy,
    timeBasis: TimeBasis,
  ): Promise<AgingCell[]> {
    const key = groupBy === 'PROVIDER' ? 'provider_npi' : 'NULL::text';
    const anchor = basis === 'SERVICE_DATE' ? 'service_date' : 'submitted_on';
    // By payer, each period is split between the payers who owe it: the secondary's part ages under the secondary.
    // One read of the periods, unpivoted: a UNION of two reads cost a second scan of every open balance.
    const periods =
      groupBy === 'PAYER'
        ? `FROM (SELECT owed.*, ${anchor} ${OPEN_AT},
             LATERAL (VALUES (payer_id, insurance_cents - secondary_cents, patient_cents),
                             (secondary_payer_id, secondary_cents, 0)) owed(key, insurance_cents, patient_cents)
             WHERE owed.insurance_cents <> 0 OR owed.patient_cents <> 0) by_payer`
        : OPEN_AT;
    const rows: { key: string | null; bucket: number; insurance: string; patient: string; claims: number }[] =
      await this.dataSource.query(
        `SELECT key, bucket, sum(insurance_cents)::text AS insurance, sum(patient_cents)::text AS patient,
           count(*)::int AS claims
         FROM (SELECT ${groupBy === 'PAYER' ? 'key' : key} AS key, insurance_cents, patient_cents,
                 CASE WHEN $1::date - ${anchor} <= 30 THEN 0 WHEN $1::date - ${anchor} <= 60 THEN 1
                      WHEN $1::date - ${anchor} <= 90 THEN 2 WHEN $1::date - ${anchor} <= 120 THEN 3 ELSE 4 END AS bucket
               ${periods}) open
         GROUP BY key, bucket`,
        [asOf, timeBasis],
      );
    return rows.map((r) => ({
      key: r.key,
      bucket: r.bucket,
      insuranceCents: Number(r.insurance),
      patientCents: Number(r.patient),
      claims: r.claims,
    }));
  }

  async denials(
    from: string,
    to: string,
    granularity: Granularity,
    groupBy: DenialGroupBy,
  ): Promise<DenialCell[]> {
    const payer = groupBy === 'REASON' ? 'NULL::text' : 'payer_id';
    const reason = groupBy === 'PAYER' ? 'NULL::text' : "group_code || '-' || carc";
    const rows: (Omit<DenialCell, 'deniedCents'> & { denied: string })[] = await this.dataSource.query(
      `SELECT date_trunc($3, denied_on)::date::text AS period, ${payer} AS "payerId", ${reason} AS reason,
         count(*)::int AS denials, sum(denied_cents)::text AS denied,
         count(*) FILTER (WHERE appealed)::int AS appealed, count(*) FILTER (WHERE overturned)::int AS overturned,
         count(*) FILTER (WHERE first_adjudication)::int AS "initialDenials"
       FROM ar_denials WHERE denied_on BETWEEN $1 AND $2
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [from, to, GRANULARITY[granularity]],
    );
    return rows.map(({ denied, ...row }) => ({ ...row, deniedCents: Number(denied) }));
  }

  adjudications(
    from: string,
    to: string,
    granularity: Granularity,
    byPayer: boolean,
  ): Promise<AdjudicationCell[]> {
    return this.dataSource.query(
      `SELECT date_trunc($3, first_adjudicated_on)::date::text AS period, ${byPayer ? 'payer_id' : 'NULL::text'} AS "payerId",
         count(*)::int AS adjudicated
       FROM ar_claim_facts WHERE first_adjudicated_on BETWEEN $1 AND $2 GROUP BY 1, 2`,
      [from, to, GRANULARITY[granularity]],
    );
  }

  async responseTimes(from: string, to: string, granularity: Granularity): Promise<ResponseCell[]> {
    // Counts per whole day, not the values themselves: a hash aggregate instead of sorting every claim's measures
    // (which spilled to disk at 50,000 claims). Days are whole numbers, so the percentiles come out exact.
    const rows: { payerId: string; period: string; metric: ResponseMetric; days: number; n: number }[] =
      await this.dataSource.query(
        `SELECT payer_id AS "payerId", date_trunc($3, cohort)::date::text AS period, metric, days, count(*)::int AS n
         FROM (
           -- One pass over the claims submitted in the range, each giving its three measures (LATERAL VALUES).
           SELECT payer_id, submitted_on AS cohort, m.metric, m.days
             FROM ar_claim_facts,
               LATERAL (VALUES ('ACKNOWLEDGEMENT', acknowledged_on - submitted_on),
                               ('FIRST_ADJUDICATION', first_adjudicated_on - submitted_on),
                               ('FIRST_PAYMENT', first_paid_on - submitted_on)) AS m(metric, days)
             WHERE submitted_on BETWEEN $1 AND $2 AND m.days IS NOT NULL
           UNION ALL
           SELECT payer_id, pended_on, 'PEND', resolved_on - pended_on
             FROM ar_pends WHERE pended_on BETWEEN $1 AND $2 AND resolved_on IS NOT NULL
         ) measured
         GROUP BY 1, 2, 3, 4`,
        [from, to, GRANULARITY[granularity]],
      );
    const cells = new Map<
      string,
      { key: Omit<ResponseCell, 'count' | 'mean' | 'median' | 'p90'>; days: [number, number][] }
    >();
    for (const row of rows) {
      const id = `${row.payerId}\u0000${row.period}\u0000${row.metric}`;
      let cell = cells.get(id);
      if (!cell)
        cells.set(
          id,
          (cell = { key: { payerId: row.payerId, period: row.period, metric: row.metric }, days: [] }),
        );
      cell.days.push([row.days, row.n]);
    }
    return [...cells.values()]
      .map(({ key, days }) => ({ ...key, ...distribution(days) }))
      .sort(
        (a, b) =>
          compareText(a.payerId, b.payerId) ||
          compareText(a.period, b.period) ||
          compareText(a.metric, b.metric),
      );
  }

  async kpiInputs(from: string, to: string): Promise<KpiInputs> {
    // Independent reads: on a pooled server they run side by side (the embedded database takes them in turn).
    const [[ar], [money], [submitted], [adjudicated]] = await Promise.all([
      this.dataSource.query(
        `SELECT coalesce(sum(insurance_cents + patient_cents), 0)::text AS ar,
         coalesce(sum(insurance_cents + patient_cents) FILTER (WHERE $1::date - service_date > 90), 0)::text AS over90
       ${OPEN_AT}`,
        [to, 'OCCURRED'],
      ),
      this.dataSource.query(
        `SELECT coalesce(sum(charge_cents), 0)::text AS charges, coalesce(sum(contractual_cents), 0)::text AS contractual,
         coalesce(sum(paid_cents + patient_paid_cents), 0)::text AS collected
       FROM ar_money WHERE on_date BETWEEN $1 AND $2`,
        [from, to],
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS submitted,
         count(*) FILTER (WHERE NOT rejected_before_adjudication AND NOT pended_before_adjudication
           AND (acknowledged_on IS NOT NULL OR first_adjudicated_on IS NOT NULL))::int AS clean
       FROM ar_claim_facts WHERE submitted_on BETWEEN $1 AND $2`,
        [from, to],
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS adjudicated, count(*) FILTER (WHERE resolved_on_first_pass)::int AS resolved,
         count(*) FILTER (WHERE first_adjudication = 'DENIED')::int AS denied
       FROM ar_claim_facts WHERE first_adjudicated_on BETWEEN $1 AND $2`,
        [from, to],
      ),
    ]);
    return {
      arCents: Number(ar.ar),
      arOver90Cents: Number(ar.over90),
      chargeCents: Number(money.charges),
      contractualCents: Number(money.contractual),
      collectedCents: Number(money.collected),
      submitted: submitted.submitted,
      clean: submitted.clean,
      adjudicated: adjudicated.adjudicated,
      resolvedOnFirstPass: adjudicated.resolved,
      deniedOnFirstPass: adjudicated.denied,
    };
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Count, mean, median and p90 of values given as (value, how many): the median and p90 interpolate between the
 * two nearest values exactly as PostgreSQL's percentile_cont does.
 */
export function distribution(counts: [value: number, count: number][]): {
  count: number;
  mean: number;
  median: number;
  p90: number;
} {
  const sorted = [...counts].sort((a, b) => a[0] - b[0]);
  const count = sorted.reduce((n, [, c]) => n + c, 0);
  const sum = sorted.reduce((total, [value, c]) => total + value * c, 0);
  const at = (index: number) => {
    let seen = 0;
    for (const [value, c] of sorted) {
      seen += c;
      if (index < seen) return value;
    }
    return sorted[sorted.length - 1]![0];
  };
  const percentile = (p: number) => {
    const position = p * (count - 1);
    const lower = Math.floor(position);
    const below = at(lower);
    return below + (position - lower) * (at(Math.ceil(position)) - below);
  };
  return { count, mean: sum / count, median: percentile(0.5), p90: percentile(0.9) };
}
