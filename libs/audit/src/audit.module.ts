import { Module, type DynamicModule } from '@nestjs/common';
import { PhiAccessLogResolver } from './phi-access-log.resolver.js';
import { PhiAccessLog } from './phi-access-log.service.js';
import { PhiAccessPlugin } from './phi-access.plugin.js';
import { CreatePhiAccessLog1767000000000 } from './phi-access.migration.js';

/** The PHI access log: its table, the service that appends to it, the GraphQL plugin that flushes each request. */
@Module({})
export class AuditModule {
  static readonly schema = { entities: [], migrations: [CreatePhiAccessLog1767000000000] };

  /** database: the database module the log's table lives in. */
  static forRoot(database: DynamicModule): DynamicModule {
    return {
      module: AuditModule,
      imports: [database],
      providers: [PhiAccessLog, PhiAccessPlugin, PhiAccessLogResolver],
      exports: [PhiAccessLog],
    };
  }
}
