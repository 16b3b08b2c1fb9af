import { Module, type DynamicModule } from '@nestjs/common';
import type { ReadModel } from '@claimtrail/projections';

/** Serves every read model: the queries and resolvers each descriptor lists, over the modules they need. */
@Module({})
export class ReadModelsModule {
  static forRoot(readModels: readonly ReadModel[], imports: DynamicModule[]): DynamicModule {
    return {
      module: ReadModelsModule,
      imports,
      providers: readModels.flatMap((readModel) => [...readModel.providers]),
    };
  }
}
