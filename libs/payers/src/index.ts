export { PayersModule } from './payers.module.js';
export { PayerRulesRepository, type PayerUpsert } from './payer-rules.repository.js';
export { PayerEntity } from './payer.entity.js';
