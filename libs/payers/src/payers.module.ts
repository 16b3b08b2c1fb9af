import { Module, type DynamicModule } from '@nestjs/common';
import { ChangePayerRulesHandler } from './change-payer-rules.handler.js';
import { PayerEntity } from './payer.entity.js';
import { CreatePayers1764201900000 } from './payer.migration.js';
import { PayerRuleHistoryQueries } from './payer-rule-history.queries.js';
import { PayerRulesRepository } from './payer-rules.repository.js';
import { PayerRulesVersion1767100000000 } from './payer-version.migration.js';
import { PayersResolver } from './payers.resolver.js';

/**
 * Payers and their deadlines: changed by administrators, each change an event in the payer's stream; the payers
 * table holds the current rules, which the claims application reads through its port.
 */
@Module({})
export class PayersModule {
  static readonly schema = {
    entities: [PayerEntity],
    migrations: [CreatePayers1764201900000, PayerRulesVersion1767100000000],
  };

  /** database: the database module the payers table lives in; eventStore: where each payer's changes are kept. */
  static forRoot(database: DynamicModule, eventStore: DynamicModule): DynamicModule {
    return {
      module: PayersModule,
      imports: [database, eventStore],
      providers: [PayerRulesRepository, ChangePayerRulesHandler, PayerRuleHistoryQueries, PayersResolver],
      exports: [PayerRulesRepository, ChangePayerRulesHandler],
    };
  }
}
