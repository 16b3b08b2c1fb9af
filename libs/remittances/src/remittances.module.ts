import { Module, type DynamicModule } from '@nestjs/common';
import { X12ImportResolver } from './graphql/x12-import.resolver.js';
import { ClaimPostings } from './posting/claim-postings.js';
import { Import277caService } from './posting/import-277ca.service.js';
import { Import835Service } from './posting/import-835.service.js';
import { IMPORT_OBSERVER, ignoreImports, type ImportObserver } from './posting/import-observer.port.js';

export interface RemittancesModuleOptions {
  /** The claims module (its command executor) and the event store module. */
  imports: DynamicModule[];
  /** Told what each import did (metrics); nobody by default. */
  importObserver?: ImportObserver;
}

/** X12 835 and 277CA imports, posted through the claim commands. The remittances read model is REMITTANCES_READ_MODELS. */
@Module({})
export class RemittancesModule {
  static forRoot(options: RemittancesModuleOptions): DynamicModule {
    return {
      module: RemittancesModule,
      imports: options.imports,
      providers: [
        { provide: IMPORT_OBSERVER, useValue: options.importObserver ?? ignoreImports },
        ClaimPostings,
        Import835Service,
        Import277caService,
        X12ImportResolver,
      ],
      exports: [Import835Service, Import277caService],
    };
  }
}
