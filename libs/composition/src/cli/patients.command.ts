import { PatientVault } from '@claimtrail/patients';
import type { Command } from 'commander';
import { writeLine, type CliContext } from './cli-context.js';
import { progressBar } from './progress-bar.js';

/** `patients ...`: the master key that wraps every patient's key (docs/operations.md, "Rotating the master key"). */
export function patientsCommand(program: Command, context: CliContext): void {
  const patients = program.command('patients').description("the keys that seal patients' identities");

  patients
    .command('keys')
    .description(
      'how many patient keys each master key wraps (by key id), and how many patients were forgotten',
    )
    .action(async () => writeLine(await (await context.app()).get(PatientVault).census()));

  patients
    .command('rewrap-keys')
    .description(
      'wrap every patient key held under a PATIENT_MASTER_KEY_PREVIOUS key with PATIENT_MASTER_KEY; prints the census after',
    )
    .action(async () => {
      const vault = (await context.app()).get(PatientVault);
      const before = await vault.census();
      const total = Object.entries(before.byMasterKey)
        .filter(([id]) => id !== before.currentKeyId)
        .reduce((sum, [, keys]) => sum + keys, 0);
      const bar = progressBar('keys');
      const started = Date.now();
      let rewrapped: number;
      try {
        rewrapped = await vault.rewrapKeys((done) =>
          bar.update(done, Math.max(total, done), done / Math.max((Date.now() - started) / 1000, 0.001)),
        );
      } finally {
        bar.stop();
      }
      writeLine({ rewrapped, ...(await vault.census()) });
    });
}
