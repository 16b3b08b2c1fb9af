import type { ReadModel } from '@claimtrail/projections';
import { AR_ANALYTICS_ENTITIES } from './ar-analytics.entities.js';
import { CreateArAnalytics1764900000000 } from './ar-analytics.migration.js';
import { ArBalanceByPayer1765030000000 } from './ar-balance-by-payer.migration.js';
import { ArBalancePeriodEnds1765010000000 } from './ar-balance-period-ends.migration.js';
import { ArClaimLedgers1765020000000 } from './ar-claim-ledgers.migration.js';
import { ArCoveringIndexes1767300000000 } from './ar-covering-indexes.migration.js';
import { arAnalyticsProjection } from './ar-analytics.projection.js';
import { ArReportQueries } from './ar-reports.queries.js';
import { ArReportsResolver } from './ar-reports.resolver.js';

/** Per-claim AR facts behind agingReport, denialTrends, payerResponseTimes and kpis. */
export const arAnalyticsReadModel: ReadModel = {
  name: arAnalyticsProjection.name,
  entities: AR_ANALYTICS_ENTITIES,
  migrations: [
    CreateArAnalytics1764900000000,
    ArBalancePeriodEnds1765010000000,
    ArClaimLedgers1765020000000,
    ArBalanceByPayer1765030000000,
    ArCoveringIndexes1767300000000,
  ],
  projection: arAnalyticsProjection,
  providers: [ArReportQueries, ArReportsResolver],
};
