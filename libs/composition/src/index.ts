export { loadClaimTrailConfig, CLAIMTRAIL_CONFIG, type ClaimTrailConfig } from './claimtrail.config.js';
export {
  ClaimTrailModule,
  claimTrailSchema,
  READ_MODELS,
  ERROR_MAPPINGS,
  type ClaimTrailOptions,
  type ClaimTrailRole,
} from './claimtrail.module.js';
export { startApi, type ApiOptions } from './api.js';
export { startWorker } from './worker.js';
export { runCli } from './cli/cli.js';
export { verifyCommand } from './cli/verify.command.js';
export { exportCommand } from './cli/export.command.js';
export { claimCommands } from './cli/claim.commands.js';
