// Payments per payer per day from `claimtrail export --follow` (NDJSON), resuming from its own checkpoint.
// Usage: node examples/export-consumer/consumer.mjs [ledger.json]
// Env: what the CLI needs (DATABASE_URL, ...), CLAIMTRAIL_CLI (default: this repository's dist/apps/cli/main.js),
// CLAIMTRAIL_ACTOR (default payments-export).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { applyEvent, committer, LEDGER_TYPES, loadLedger } from '../shared/payments-ledger.mjs';

const file = process.argv[2] ?? 'payments-by-payer.json';
const cli =
  process.env.CLAIMTRAIL_CLI ?? fileURLToPath(new URL('../../dist/apps/cli/main.js', import.meta.url));

const ledger = loadLedger(file);
const commits = committer(file, ledger);

const args = ['export', '--types', LEDGER_TYPES.join(','), '--follow'];
if (ledger.after !== null) args.push('--after', ledger.after);
process.stderr.write(`exporting after ${ledger.after ?? 'the start'}\n`);
const exporter = spawn(process.execPath, [cli, ...args], {
  env: { CLAIMTRAIL_ACTOR: 'payments-export', ...process.env },
  stdio: ['ignore', 'pipe', 'inherit'],
});

const stop = () => exporter.kill('SIGTERM');
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

for await (const line of createInterface({ input: exporter.stdout })) {
  const event = JSON.parse(line);
  const claimId = event.streamName.slice('claim-'.length);
  applyEvent(ledger, { position: event.position, claimId, type: event.type, data: event.data });
  commits.applied();
}
commits.commit();
exporter.on('exit', (code) => process.exit(code ?? 1));
if (exporter.exitCode !== null) process.exit(exporter.exitCode);
