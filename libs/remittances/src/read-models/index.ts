import type { ReadModel } from '@claimtrail/projections';
import { RemittancesResolver, WorklistRemittancesResolver } from '../graphql/remittances.resolver.js';
import { RemittanceEntity } from './remittance.entity.js';
import { CreateRemittances1765000100000 } from './remittance.migration.js';
import { remittanceProjection } from './remittance.projection.js';
import { RemittanceQueries } from './remittance.queries.js';

/** Remittances imported from 835s: payer, check/EFT number and date, totals, claims posted, unmatched items, PLB. */
export const remittancesReadModel: ReadModel = {
  name: remittanceProjection.name,
  entities: [RemittanceEntity],
  migrations: [CreateRemittances1765000100000],
  projection: remittanceProjection,
  providers: [RemittanceQueries, RemittancesResolver, WorklistRemittancesResolver],
};

export const REMITTANCES_READ_MODELS: readonly ReadModel[] = [remittancesReadModel];
