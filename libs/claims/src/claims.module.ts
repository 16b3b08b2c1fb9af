import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ClaimCommandExecutor } from './application/claim-command.executor.js';
import { CLOCK, systemClock } from './application/clock.js';
import { SubmitClaimHandler } from './application/submit-claim.handler.js';
import { UpdateClaimHandler } from './application/update-claim.handler.js';
import { PayerRulesService } from './payers/payer-rules.service.js';
import { PayersResolver } from './payers/payers.resolver.js';
import { ClaimSummaryQueries } from './read-models/claim-summary/claim-summary.queries.js';
import { READ_YOUR_WRITES_TIMEOUT_MS, ReadYourWrites } from './graphql/read-your-writes.service.js';
import { ClaimCommandsResolver } from './graphql/resolvers/claim-commands.resolver.js';
import { ClaimHistoryResolver } from './graphql/resolvers/claim-history.resolver.js';
import { ClaimsResolver } from './graphql/resolvers/claims.resolver.js';

export interface ClaimsSettings {
  readYourWritesTimeoutMs: number;
}

/** Claims over GraphQL: commands through the CommandBus, queries from the read models, history from the log. */
@Module({})
export class ClaimsModule {
  static forRoot(settings: ClaimsSettings): DynamicModule {
    return {
      module: ClaimsModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: READ_YOUR_WRITES_TIMEOUT_MS, useValue: settings.readYourWritesTimeoutMs },
        { provide: CLOCK, useValue: systemClock },
        ClaimCommandExecutor,
        SubmitClaimHandler,
        UpdateClaimHandler,
        PayerRulesService,
        PayersResolver,
        ClaimSummaryQueries,
        ReadYourWrites,
        ClaimCommandsResolver,
        ClaimsResolver,
        ClaimHistoryResolver,
      ],
    };
  }
}
