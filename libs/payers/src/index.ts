export { PayersModule } from './payers.module.js';
export { PayerRulesRepository } from './payer-rules.repository.js';
export {
  ChangePayerRulesHandler,
  type PayerChangeContext,
  type PayerUpsert,
} from './change-payer-rules.handler.js';
export { PayerRuleHistoryQueries, type PayerRuleChangeRecord } from './payer-rule-history.queries.js';
export { PayerEntity } from './payer.entity.js';
export { payerErrorMapping } from './payer-errors.mapping.js';
export { PayerError, type PayerErrorCode } from './domain/payer.errors.js';
export {
  PAYER_EVENT_VERSIONS,
  PAYER_STREAM_PREFIX,
  payerStreamName,
  type PayerRulesChanged,
  type PayerRulesSnapshot,
} from './domain/payer.events.js';
