import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';

// The floor of the API benchmark: node:http and pg with nothing between them. A submit or any other command is one
// INSERT, a read is one SELECT by key. No validation, no log, no GraphQL: what the machine does per request at least.
// GET /empty answers without the database.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS floor_commands (
  position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  claim_id text NOT NULL,
  body jsonb NOT NULL
)`);
await pool.query('CREATE INDEX IF NOT EXISTS floor_commands_claim_idx ON floor_commands (claim_id)');

const body = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const reply = (response: ServerResponse, status: number, value: unknown) => {
  const text = JSON.stringify(value);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
};

const server = createServer((request, response) => {
  void (async () => {
    try {
      // The empty request: node:http alone.
      if (request.url === '/empty') return reply(response, 200, null);
      if (request.method === 'POST') {
        const input = JSON.parse(await body(request)) as { claimId: string };
        const { rows } = await pool.query<{ position: string }>(
          'INSERT INTO floor_commands (claim_id, body) VALUES ($1, $2) RETURNING position',
          [input.claimId, input],
        );
        return reply(response, 200, { position: rows[0]!.position });
      }
      const id = new URL(request.url ?? '/', 'http://floor').searchParams.get('id');
      const { rows } = await pool.query(
        'SELECT body FROM floor_commands WHERE claim_id = $1 ORDER BY position DESC LIMIT 1',
        [id],
      );
      reply(response, 200, rows[0]?.body ?? null);
    } catch {
      reply(response, 500, { error: 'failed' });
    }
  })();
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
