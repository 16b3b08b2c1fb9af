import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ClaimAuditQueries } from './application/claim-audit.queries.js';
import { ClaimCommandExecutor } from './application/claim-command.executor.js';
import { ClaimEventFeed } from './application/claim-event-feed.js';
import {
  COMMAND_OBSERVER,
  ignoreCommands,
  type CommandObserver,
} from './application/command-observer.port.js';
import { PATIENT_VAULT, type PatientVaultPort } from './application/patient-vault.port.js';
import { PAYER_RULES, type PayerRulesPort } from './application/payer-rules.port.js';
import { RecentClaims } from './application/recent-claims.js';
import { SubmitClaimHandler } from './application/submit-claim.handler.js';
import { UpdateClaimHandler } from './application/update-claim.handler.js';
import { ClaimCommandsResolver } from './graphql/resolvers/claim-commands.resolver.js';
import { ClaimEventsResolver } from './graphql/resolvers/claim-events.resolver.js';
import { ClaimHistoryResolver } from './graphql/resolvers/claim-history.resolver.js';
import { ClaimIntegrityResolver } from './graphql/resolvers/claim-integrity.resolver.js';
import { ClaimPatientResolver } from './graphql/resolvers/claim-patient.resolver.js';

export interface ClaimsModuleOptions {
  /** The event store module the commands append to. */
  imports: DynamicModule[];
  /** The module that implements the application's payer-rules port, and its provider that does. */
  payerRules: { module: Type | DynamicModule; provider: Type<PayerRulesPort> };
  /** The module that implements the patient vault port (sealing and opening identities), and its provider. */
  patientVault: { module: Type | DynamicModule; provider: Type<PatientVaultPort> };
  /** Told how each command ended (metrics); nobody by default. */
  commandObserver?: CommandObserver;
}

/**
 * Claim commands through the CommandBus (load, decide, append) the claim's history and past states from its stream, and the log as a subscription. The read
 * models of claims are listed in CLAIMS_READ_MODELS and served by the composition root.
 */
@Module({})
export class ClaimsModule {
  static forRoot(options: ClaimsModuleOptions): DynamicModule {
    return {
      module: ClaimsModule,
      imports: [
        CqrsModule.forRoot(),
        ...options.imports,
        options.payerRules.module,
        options.patientVault.module,
      ],
      providers: [
        { provide: PAYER_RULES, useExisting: options.payerRules.provider },
        { provide: PATIENT_VAULT, useExisting: options.patientVault.provider },
        { provide: COMMAND_OBSERVER, useValue: options.commandObserver ?? ignoreCommands },
        ClaimCommandExecutor,
        RecentClaims,
        SubmitClaimHandler,
        UpdateClaimHandler,
        ClaimCommandsResolver,
        ClaimAuditQueries,
        ClaimEventFeed,
        ClaimHistoryResolver,
        ClaimEventsResolver,
        ClaimIntegrityResolver,
        ClaimPatientResolver,
      ],
      // The vault too: a sender that posts through the executor seals identities with the claims' own port.
      // RecentClaims for the claim read model's resolver, which answers read-your-writes from it (ADR 0014).
      exports: [ClaimCommandExecutor, PATIENT_VAULT, RecentClaims],
    };
  }
}
