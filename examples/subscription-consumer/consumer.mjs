// Payments per payer per day from the claimEvents subscription (graphql-ws), resuming from its own checkpoint.
// Usage: node examples/subscription-consumer/consumer.mjs [ledger.json]
// Env: CLAIMTRAIL_URL (default http://localhost:3000/graphql), CLAIMTRAIL_ACTOR (default payments-job).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { applyEvent, committer, LEDGER_TYPES, loadLedger } from '../shared/payments-ledger.mjs';

const file = process.argv[2] ?? 'payments-by-payer.json';
const url = (process.env.CLAIMTRAIL_URL ?? 'http://localhost:3000/graphql').replace(/^http/, 'ws');
const actor = process.env.CLAIMTRAIL_ACTOR ?? 'payments-job';

const ledger = loadLedger(file);
const commits = committer(file, ledger);

// The API records who reads patient data (submissions carry it): name this job in x-actor-id.
class IdentifiedWebSocket extends WebSocket {
  constructor(address, protocols) {
    super(address, protocols, { headers: { 'x-actor-id': actor } });
  }
}

const client = createClient({ url, webSocketImpl: IdentifiedWebSocket, retryAttempts: 0 });
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
