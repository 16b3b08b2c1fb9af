import { Module, type DynamicModule } from '@nestjs/common';
import { PayerEntity } from './payer.entity.js';
import { CreatePayers1764201900000 } from './payer.migration.js';
import { PayerRulesRepository } from './payer-rules.repository.js';
import { PayersResolver } from './payers.resolver.js';

/** Payers and their deadlines: edited by administrators, read by the claims application through its port. */
@Module({})
export class PayersModule {
  static readonly schema = { entities: [PayerEntity], migrations: [CreatePayers1764201900000] };

  /** database: the database module the payers table lives in. */
  static forRoot(database: DynamicModule): DynamicModule {
    return {
      module: PayersModule,
      imports: [database],
      providers: [PayerRulesRepository, PayersResolver],
      exports: [PayerRulesRepository],
    };
  }
}
