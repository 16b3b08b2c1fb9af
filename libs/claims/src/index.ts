export * from './domain/index.js';
export { ClaimsModule, type ClaimsModuleOptions } from './claims.module.js';
export { CLAIMS_READ_MODELS } from './read-models/index.js';
export { claimErrorMapping } from './graphql/claim-errors.mapping.js';
export { ClaimCommandExecutor, fold, type CommandBody } from './application/claim-command.executor.js';
export type { CommandContext, CommandResult } from './application/command-context.js';
export {
  commandOutcomeOf,
  observeCommands,
  type CommandObserver,
  type CommandOutcome,
  type ObservedCommand,
} from './application/command-observer.port.js';
export { PAYER_RULES, type PayerRulesPort } from './application/payer-rules.port.js';
export {
  PATIENT_VAULT,
  type IdentityToSeal,
  type OpenedIdentity,
  type PatientIdentity,
  type PatientKeyCache,
  type PatientVaultPort,
  type RemittedIdentity,
  type SealedIdentityRef,
} from './application/patient-vault.port.js';
export { SubmitClaimCommand } from './application/submit-claim.command.js';
export { UpdateClaimCommand, type ClaimChange } from './application/update-claim.command.js';
export { claimAsOf, type TimeAxis } from './application/claim-replay.js';
export { WorklistConnection } from './read-models/worklist/worklist.types.js';
