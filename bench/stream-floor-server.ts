import { createServer } from 'node:http';
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';

// The floor of the subscription benchmark: what any server could deliver over a WebSocket here. No GraphQL, no
// protocol, no checks: the database builds each event's JSON as a claimEventBatches subscriber selects it, and pages
// of 500 go out as graphql-ws "next" messages, one page read ahead, to whoever connects, until it hangs up.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const PAGE = {
  name: 'stream-floor-page',
  text: `SELECT transaction_id, position, json_build_object(
      'position', lpad(transaction_id::text, 20, '0') || '/' || lpad(position::text, 20, '0'),
      'type', type, 'claimId', substr(stream_name, 7), 'version', version, 'schemaVersion', schema_version,
      'data', data, 'recordedAt', to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'metadata', json_build_object('actor', metadata->>'actor', 'occurredAt', metadata->>'occurredAt',
        'commandId', metadata->>'commandId'))::text AS event
    FROM events
    WHERE (transaction_id, position) > ($1::bigint, $2::bigint) AND stream_name LIKE 'claim-%'
    ORDER BY transaction_id, position LIMIT 500`,
};

interface PageRow {
  transaction_id: string;
  position: string;
  event: string;
}

const read = (transactionId: string, position: string) =>
  pool.query<PageRow>({ ...PAGE, values: [transactionId, position] });

async function stream(socket: WebSocket): Promise<void> {
  let ahead = read('0', '0');
  while (socket.readyState === socket.OPEN) {
    const { rows } = await ahead;
    const last = rows[rows.length - 1];
    if (!last) break;
    ahead = read(last.transaction_id, last.position);
    const lastPosition = `${last.transaction_id.padStart(20, '0')}/${last.position.padStart(20, '0')}`;
    const events = rows.map((row) => row.event).join(',');
    const message = `{"id":"1","type":"next","payload":{"data":{"claimEventBatches":{"lastPosition":"${lastPosition}","events":[${events}]}}}}`;
    // Sent one at a time, as graphql-ws sends (not sending ahead made no difference here).
    await new Promise<void>((resolve) => socket.send(message, () => resolve()));
  }
  await ahead.catch(() => undefined);
}

const server = createServer((_request, response) => response.end('ok'));
new WebSocketServer({ server }).on('connection', (socket) => {
  stream(socket).catch(() => socket.terminate());
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
