import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { CLOCK, ReadYourWrites, type Clock, Roles } from '@claimtrail/platform';
import { localDateOf } from '../../domain/index.js';
import { arAnalyticsProjection } from './ar-analytics.projection.js';
import { ArReportQueries, AGING_BUCKETS, type AgingCell, type ResponseMetric } from './ar-reports.queries.js';
import {
  AgingBasis,
  AgingBucket,
  AgingGroup,
  AgingGroupBy,
  AgingReport,
  DenialGroupBy,
  DenialTrendRow,
  Granularity,
  Kpi,
  KpiReport,
  PayerResponseTimes,
  ResponseStats,
  TimeBasis,
} from './ar-reports.types.js';
import { reportAsOf, reportRange } from './report-arguments.js';

const READ = [arAnalyticsProjection.name];
const position = {
  nullable: true,
  type: () => String,
  description: "A command's position: wait (bounded) until this report includes it.",
};
const ratio = (numerator: number, denominator: number) =>
  denominator === 0 ? null : numerator / denominator;

function bucketOf(cells: AgingCell[], index: number | 'TOTAL'): AgingBucket {
  const inBucket = index === 'TOTAL' ? cells : cells.filter((c) => c.bucket === index);
  const insuranceCents = inBucket.reduce((sum, c) => sum + c.insuranceCents, 0);
  const patientCents = inBucket.reduce((sum, c) => sum + c.patientCents, 0);
  const shape = index === 'TOTAL' ? { name: 'TOTAL', minDays: 0, maxDays: null } : AGING_BUCKETS[index]!;
  return {
    bucket: shape.name,
    minDays: shape.minDays,
    maxDays: shape.maxDays,
    insuranceCents,
    patientCents,
    totalCents: insuranceCents + patientCents,
    claims: inBucket.reduce((sum, c) => sum + c.claims, 0),
  };
}

const groupOf = (key: string | null, cells: AgingCell[]): AgingGroup => ({
  key,
  buckets: AGING_BUCKETS.map((_, i) => bucketOf(cells, i)),
  total: bucketOf(cells, 'TOTAL'),
});

@Resolver()
export class ArReportsResolver {
  constructor(
    private readonly queries: ArReportQueries,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): string {
    return localDateOf(this.clock.now().toISOString());
  }

  @Roles('biller', 'follow-up', 'auditor', 'analyst', 'admin')
  @Query(() => AgingReport, {
    description:
      'AR aging: insurance and patient balances in age buckets 0-30, 31-60, 61-90, 91-120 and over 120 days, grouped by payer, provider or not at all. asOf (default today) in the past gives the aging exactly as it stood at the end of that day.',
  })
  async agingReport(
    @Args('asOf', { type: () => String, nullable: true, description: 'YYYY-MM-DD; today when omitted.' })
    asOf: string | undefined,
    @Args('basis', { type: () => AgingBasis, defaultValue: AgingBasis.SERVICE_DATE }) basis: `${AgingBasis}`,
    @Args('groupBy', { type: () => AgingGroupBy, defaultValue: AgingGroupBy.PAYER })
    groupBy: `${AgingGroupBy}`,
    @Args('timeBasis', { type: () => TimeBasis, defaultValue: TimeBasis.OCCURRED }) timeBasis: `${TimeBasis}`,
    @Args('atLeastPosition', position) atLeastPosition?: string,
  ): Promise<AgingReport> {
    const day = reportAsOf(asOf, this.today());
    await this.readYourWrites.waitFor(READ, atLeastPosition);
    const cells = await this.queries.aging(day, basis, groupBy, timeBasis);
    const keys = [...new Set(cells.map((c) => c.key))].sort((a, b) => String(a).localeCompare(String(b)));
    return {
      asOf: day,
      basis,
      timeBasis,
      groupBy,
      groups: keys.map((key) =>
        groupOf(
          key,
          cells.filter((c) => c.key === key),
        ),
      ),
      total: groupOf(null, cells),
    };
  }

  @Roles('biller', 'follow-up', 'auditor', 'analyst', 'admin')
  @Query(() => [DenialTrendRow], {
    description:
      'Denials by period and payer, reason (group code and CARC) or both, with appeals, overturns and the initial denial rate (claims denied on their first adjudication ÷ claims adjudicated for the first time, in the period).',
  })
  async denialTrends(
    @Args('from', { type: () => String, description: 'First day, YYYY-MM-DD.' }) from: string,
    @Args('to', { type: () => String, description: 'Last day, YYYY-MM-DD (at most five years after from).' })
    to: string,
    @Args('granularity', { type: () => Granularity, defaultValue: Granularity.MONTH })
    granularity: `${Granularity}`,
    @Args('groupBy', { type: () => DenialGroupBy, defaultValue: DenialGroupBy.PAYER_AND_REASON })
    groupBy: `${DenialGroupBy}`,
    @Args('atLeastPosition', position) atLeastPosition?: string,
  ): Promise<DenialTrendRow[]> {
    reportRange(from, to, this.today());
    await this.readYourWrites.waitFor(READ, atLeastPosition);
    const byPayer = groupBy !== 'REASON';
    const [denials, adjudications] = await Promise.all([
      this.queries.denials(from, to, granularity, groupBy),
      this.queries.adjudications(from, to, granularity, byPayer),
    ]);
    const adjudicated = new Map(adjudications.map((a) => [`${a.period}|${a.payerId}`, a.adjudicated]));
    return denials.map((row) => {
      const claimsAdjudicated = adjudicated.get(`${row.period}|${byPayer ? row.payerId : null}`) ?? 0;
      return {
        ...row,
        overturnRate: ratio(row.overturned, row.appealed),
        claimsAdjudicated,
        initialDenialRate: ratio(row.initialDenials, claimsAdjudicated),
      };
    });
  }

  @Roles('biller', 'follow-up', 'auditor', 'analyst', 'admin')
  @Query(() => [PayerResponseTimes], {
    description:
      'How fast each payer answers: days from first submission to acknowledgement, to first adjudication and to first payment, and how long pends last, per period of submission.',
  })
  async payerResponseTimes(
    @Args('from', { type: () => String, description: 'First day, YYYY-MM-DD.' }) from: string,
    @Args('to', { type: () => String, description: 'Last day, YYYY-MM-DD (at most five years after from).' })
    to: string,
    @Args('granularity', { type: () => Granularity, defaultValue: Granularity.MONTH })
    granularity: `${Granularity}`,
    @Args('atLeastPosition', position) atLeastPosition?: string,
  ): Promise<PayerResponseTimes[]> {
    reportRange(from, to, this.today());
    await this.readYourWrites.waitFor(READ, atLeastPosition);
    const cells = await this.queries.responseTimes(from, to, granularity);
    const rows = new Map<string, PayerResponseTimes>();
    const none = (): ResponseStats => ({ count: 0, mean: null, median: null, p90: null });
    const field: Record<ResponseMetric, keyof PayerResponseTimes> = {
      ACKNOWLEDGEMENT: 'toAcknowledgement',
      FIRST_ADJUDICATION: 'toFirstAdjudication',
      FIRST_PAYMENT: 'toFirstPayment',
      PEND: 'pendDuration',
    };
    for (const cell of cells) {
      const key = `${cell.payerId}|${cell.period}`;
      const row = rows.get(key) ?? {
        payerId: cell.payerId,
        period: cell.period,
        toAcknowledgement: none(),
        toFirstAdjudication: none(),
        toFirstPayment: none(),
        pendDuration: none(),
      };
      Object.assign(row, {
        [field[cell.metric]]: { count: cell.count, mean: cell.mean, median: cell.median, p90: cell.p90 },
      });
      rows.set(key, row);
    }
    return [...rows.values()];
  }

  @Roles('biller', 'follow-up', 'auditor', 'analyst', 'admin')
  @Query(() => KpiReport, {
    description: 'Days in AR and the other HFMA-style KPIs, each with its numerator and denominator.',
  })
  async kpis(
    @Args('from', { type: () => String, description: 'First day, YYYY-MM-DD.' }) from: string,
    @Args('to', { type: () => String, description: 'Last day, YYYY-MM-DD; AR is taken at its end.' })
    to: string,
    @Args('atLeastPosition', position) atLeastPosition?: string,
  ): Promise<KpiReport> {
    reportRange(from, to, this.today());
    await this.readYourWrites.waitFor(READ, atLeastPosition);
    const k = await this.queries.kpiInputs(from, to);
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
    const kpi = (numerator: number, denominator: number, definition: string): Kpi => ({
      value: ratio(numerator, denominator),
      numerator,
      denominator,
      definition,
    });
    return {
      from,
      to,
      daysInAr: kpi(
        k.arCents,
        k.chargeCents / days,
        'AR owed at the end of `to` (cents) ÷ average daily charges over the period (charges posted in [from, to] ÷ its days)',
      ),
      arOver90Days: kpi(
        k.arOver90Cents,
        k.arCents,
        'AR older than 90 days from the date of service at the end of `to` ÷ all AR then',
      ),
      cleanClaimRate: kpi(
        k.clean,
        k.submitted,
        'claims first submitted in the period that the payer accepted or decided with no rejection and no pend before its first decision ÷ claims first submitted in the period',
      ),
      firstPassResolutionRate: kpi(
        k.resolvedOnFirstPass,
        k.adjudicated,
        'claims paid in full, with nothing denied, by their first payer decision ÷ claims first decided in the period',
      ),
      denialRate: kpi(
        k.deniedOnFirstPass,
        k.adjudicated,
        'claims denied by their first payer decision ÷ claims first decided in the period',
      ),
      netCollectionRate: kpi(
        k.collectedCents,
        k.chargeCents - k.contractualCents,
        'payer and patient payments posted in the period (net of reversals) ÷ (charges posted in the period − contractual adjustments posted in it)',
      ),
    };
  }
}
