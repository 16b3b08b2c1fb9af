import { userInfo } from 'node:os';
import type { INestApplicationContext } from '@nestjs/common';
import { DatabaseError } from '@claimtrail/database';
import { ConfigError, isActorName, type Env } from '@claimtrail/platform';
import { Command, CommanderError } from 'commander';
import { loadClaimTrailConfig } from '../claimtrail.config.js';
import { backupCommands } from './backup.command.js';
import { claimCommands } from './claim.commands.js';
import { openCliApp } from './cli-app.js';
import { CliFailure, type CliContext } from './cli-context.js';
import { exportCommand } from './export.command.js';
import { importCommand } from './import.command.js';
import { patientsCommand } from './patients.command.js';
import { projectionsCommand } from './projections.command.js';
import { seedCommand } from './seed.command.js';
import { tokenCommand } from './token.command.js';
import { verifyCommand } from './verify.command.js';

/**
 * `claimtrail`: the same composition root and settings as the API (so EVENT_STORE, DATABASE_URL and the rest mean
 * the same), with no HTTP and no projections running in the background. Data on stdout, logs and messages on
 * stderr. Resolves with the exit code: 0; 1 for a refusal or a failure; 2 for bad settings or usage.
 */
export async function runCli(env: Env, args: readonly string[] = process.argv.slice(2)): Promise<number> {
  let opened: INestApplicationContext | undefined;
  // Quiet unless asked: the CLI's own output is what its user reads.
  const config = () => loadClaimTrailConfig({ LOG_LEVEL: 'warn', ...env });
  const context: CliContext = {
    config,
    async app() {
      opened ??= await openCliApp(context.config());
      return opened;
    },
    actor() {
      const fallback = `cli:${userInfo().username.replace(/[^A-Za-z0-9._@-]/g, '_')}`;
      const actor = env.CLAIMTRAIL_ACTOR ?? fallback;
      if (!isActorName(actor))
        throw new CliFailure('CLAIMTRAIL_ACTOR must be 1-100 letters, digits or . _ @ : -', 2);
      return actor;
    },
  };
  const program = new Command('claimtrail')
    .description('ClaimTrail from the command line; uses the settings the API uses (see README)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => process.stderr.write(text) });
  backupCommands(program, context);
  claimCommands(program, context);
  exportCommand(program, context);
  importCommand(program, context);
  patientsCommand(program, context);
  projectionsCommand(program, context);
  seedCommand(program, context);
  tokenCommand(program, context);
  verifyCommand(program, context);
  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    // The database refused (in use, damaged, a backup or restore refused): its code first, for runbooks and
    // scripts; a missing backup file is a usage error.
    if (error instanceof DatabaseError) {
      process.stderr.write(`${error.code}: ${error.message}\n`);
      return error.code === 'BACKUP_FILE_MISSING' ? 2 : 1;
    }
    if (error instanceof CliFailure) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  } finally {
    await opened?.close();
  }
}
