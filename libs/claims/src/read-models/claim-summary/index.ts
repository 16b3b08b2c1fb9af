import type { ReadModel } from '@claimtrail/projections';
import { ClaimSummaryEntity } from './claim-summary.entity.js';
import { ClaimSummaryCredit1765000000000 } from './claim-summary-credit.migration.js';
import { ClaimSummaryNextDeadline1764900200000 } from './claim-summary-deadline.migration.js';
import { ClaimSummaryPatientIdentity1767100000000 } from './claim-summary-patient-identity.migration.js';
import { CreateClaimSummaries1764201800000 } from './claim-summary.migration.js';
import { claimSummaryProjection } from './claim-summary.projection.js';
import { ClaimSummaryQueries } from './claim-summary.queries.js';
import { ClaimSummaryResolver } from './claim-summary.resolver.js';

/** One row per claim: its folded state, with the columns lists filter and sort on. `claim` and `claims`. */
export const claimSummaryReadModel: ReadModel = {
  name: claimSummaryProjection.name,
  entities: [ClaimSummaryEntity],
  migrations: [
    CreateClaimSummaries1764201800000,
    ClaimSummaryNextDeadline1764900200000,
    ClaimSummaryCredit1765000000000,
    ClaimSummaryPatientIdentity1767100000000,
  ],
  projection: claimSummaryProjection,
  providers: [ClaimSummaryQueries, ClaimSummaryResolver],
};
