// Payments per payer per day from the claimEvents subscription (graphql-ws), resuming from its own checkpoint.
// Usage: node examples/subscription-consumer/consumer.mjs [ledger.json]
// Env: CLAIMTRAIL_URL (default http://localhost:3000/graphql), CLAIMTRAIL_TOKEN (a bearer token with the analyst role).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { applyEvent, committer, LEDGER_TYPES, loadLedger } from '../shared/payments-ledger.mjs';

const file = process.argv[2] ?? 'payments-by-payer.json';
const url = (process.env.CLAIMTRAIL_URL ?? 'http://localhost:3000/graphql').replace(/^http/, 'ws');
const token = process.env.CLAIMTRAIL_TOKEN;
if (!token) {
  process.stderr.write('CLAIMTRAIL_TOKEN must hold a bearer token with the analyst role\n');
  process.exit(2);
}

const ledger = loadLedger(file);
const commits = committer(file, ledger);

// The connection authenticates once, when it opens; an analyst's events come without patient data.
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  retryAttempts: 0,
  connectionParams: { authorization: `Bearer ${token}` },
});
const stop = (code) => {
  commits.commit();
  client.dispose();
  process.exit(code);
};
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

process.stderr.write(`following ${url} after ${ledger.after ?? 'the start'}\n`);
client.subscribe(
  {
    query: `subscription Payments($after: String, $types: [String!]) {
      claimEvents(after: $after, types: $types) { position claimId type data }
    }`,
    variables: { after: ledger.after, types: LEDGER_TYPES },
  },
  {
    next: ({ data, errors }) => {
      if (errors) {
        process.stderr.write(`refused: ${JSON.stringify(errors)}\n`);
        return stop(1);
      }
      applyEvent(ledger, data.claimEvents);
      commits.applied();
    },
    error: (error) => {
      process.stderr.write(`subscription ended: ${error?.message ?? JSON.stringify(error)}\n`);
      stop(1);
    },
    complete: () => stop(0),
  },
);
