import { CreateClaimSummaries1764201800000 } from './read-models/claim-summary/claim-summary.migration.js';
import { ClaimSummaryEntity } from './read-models/claim-summary/claim-summary.entity.js';
import { claimSummaryProjection } from './read-models/claim-summary/claim-summary.projection.js';
import { PayerEntity } from './payers/payer.entity.js';
import { CreatePayers1764201900000 } from './payers/payer.migration.js';

export * from './domain/index.js';
export { ClaimsModule } from './claims.module.js';
export { CLOCK, type Clock, systemClock } from './application/clock.js';
export { ClaimCommandExecutor, fold } from './application/claim-command.executor.js';
export type { CommandContext, CommandResult } from './application/command-context.js';
export { SubmitClaimCommand } from './application/submit-claim.command.js';
export { UpdateClaimCommand, type ClaimChange } from './application/update-claim.command.js';
export { formatGraphQLError } from './graphql/errors/format-graphql-error.js';
export {
  validationExceptionFactory,
  RequestValidationError,
  QueryLimitError,
  type QueryLimit,
} from './graphql/errors/api-errors.js';
export { TextInputPipe } from './graphql/text-input.pipe.js';
export { identityOf, type RequestIdentity } from './graphql/request-context.js';
export { ClaimSummaryEntity, claimSummaryProjection };

export const CLAIMS_ENTITIES = [ClaimSummaryEntity, PayerEntity];
export const CLAIMS_MIGRATIONS = [CreateClaimSummaries1764201800000, CreatePayers1764201900000];
export const CLAIMS_PROJECTIONS = [claimSummaryProjection];
export { readClaimsConfig } from './claims.config.js';
export type { ClaimsSettings } from './claims.module.js';
export { claimAsOf, type TimeAxis } from './application/claim-replay.js';
