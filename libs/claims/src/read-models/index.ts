import type { ReadModel } from '@claimtrail/projections';
import { arAnalyticsReadModel } from './ar-analytics/index.js';
import { claimSummaryReadModel } from './claim-summary/index.js';
import { worklistReadModel } from './worklist/index.js';

/** Every read model of claims; the composition root projects and serves each one. */
export const CLAIMS_READ_MODELS: readonly ReadModel[] = [
  claimSummaryReadModel,
  arAnalyticsReadModel,
  worklistReadModel,
];
