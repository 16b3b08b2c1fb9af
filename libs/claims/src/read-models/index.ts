import type { ReadModel } from '@claimtrail/projections';
import { claimSummaryReadModel } from './claim-summary/index.js';

/** Every read model of claims; the composition root projects and serves each one. */
export const CLAIMS_READ_MODELS: readonly ReadModel[] = [claimSummaryReadModel];
