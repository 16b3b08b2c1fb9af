import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const PROTOCOL_3 = 196_608;
const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const TERMINATE = 0x58;
const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4);
const ROLLBACK = simpleQuery('ROLLBACK');

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + text.length);
  message.write('Q', 0);
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

function fatalError(message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C57P03\0M${message}\0\0`);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}

/**
 * Serves the one PGlite session to the pg driver on a unix socket, one client connection at a time, each starting
 * on a fresh session.
 *
 * PGlite is a single backend, so whatever a connection leaves in the session (named prepared statements, settings,
 * an open or half-run transaction) outlives it. node-postgres remembers parsed statements per connection, and
 * pg-pool drops a connection after any failed query (and after idling) and opens a new one, which prepares its
 * statements again and gets "prepared statement ... already exists" for good. A real server gives each connection
 * a new backend; this gives each one a reset session. A connection that arrives while another is open waits for
 * it: pglite-socket answered it with text outside the protocol, so the pool's replacement connection often failed.
 */
export class EmbeddedSocketServer {
  private readonly server: Server;
  private readonly waiting: Socket[] = [];
  private serving: Promise<void> | undefined;
  private current: Socket | undefined;
  private broken = false;
  private stopping = false;

  constructor(
    private readonly db: PGlite,
    private readonly path: string,
  ) {
    this.server = createServer((socket) => this.admit(socket));
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.path, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** Stops accepting, ends every connection and waits for the statement in progress, so PGlite can be closed. */
  async stop(): Promise<void> {
    this.stopping = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.waiting.splice(0)) socket.destroy();
    this.current?.destroy();
    await this.serving;
    await closed;
  }

  private admit(socket: Socket): void {
    // An 'error' without a listener would crash the process; 'close' always follows it.
    socket.on('error', () => undefined);
    if (this.stopping) {
      socket.destroy();
      return;
    }
    this.waiting.push(socket);
    socket.once('close', () => {
      const index = this.waiting.indexOf(socket);
      if (index >= 0) this.waiting.splice(index, 1);
    });
    this.serveNext();
  }

  private serveNext(): void {
    if (this.serving || this.stopping) return;
    const socket = this.waiting.shift();
    if (!socket) return;
    if (this.broken) {
      socket.end(fatalError(`The embedded database stopped after an internal error; restart the process.`));
      this.serveNext();
      return;
    }
    this.current = socket;
    this.serving = this.serve(socket)
      .then(() => (this.stopping ? undefined : this.resetSession()))
      .catch(() => {
        // The session could not be reset, so PGlite itself is broken: later connections get an error, not a hang.
        this.broken = true;
      })
      .finally(() => {
        this.current = undefined;
        this.serving = undefined;
        this.serveNext();
      });
  }

  /**
   * Relays one connection's messages to PGlite in order until it closes; resolves once the last one has run. A
   * message that PGlite throws on (rather than answering with an error) ends the connection.
   */
  private serve(socket: Socket): Promise<void> {
    return new Promise<void>((resolve) => {
      let buffer: Buffer = Buffer.alloc(0);
      let started = false;
      let relaying: Promise<void> = Promise.resolve();
      const relay = (message: Buffer) => {
        relaying = relaying
          .then(async () => {
            if (socket.destroyed) return;
            await this.db.runExclusive(() =>
              this.db.execProtocolRawStream(message, {
                // PGlite reuses this memory for the next message, so it is copied before the socket queues it.
                onRawData: (data) => {
                  if (!socket.destroyed) socket.write(Buffer.from(data));
                },
              }),
            );
          })
          .catch(() => {
            socket.destroy();
          });
      };
      socket.on('data', (chunk: Buffer) => {
        if (socket.writableEnded) return;
        buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
        for (;;) {
          if (!started) {
            if (buffer.length < 8) return;
            const length = buffer.readInt32BE(0);
            if (length < 8) {
              socket.destroy();
              return;
            }
            if (buffer.length < length) return;
            const code = buffer.readInt32BE(4);
            const message = buffer.subarray(0, length);
            buffer = buffer.subarray(length);
            if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
              socket.write('N');
            } else if (code === PROTOCOL_3) {
              started = true;
              relay(message);
            } else {
              // A cancel request (PGlite has no other backend to signal) or something that is not PostgreSQL.
              socket.destroy();
              return;
            }
            continue;
          }
          if (buffer.length < 5) return;
          const length = 1 + buffer.readInt32BE(1);
          if (length < 5) {
            socket.destroy();
            return;
          }
          if (buffer.length < length) return;
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (message[0] === TERMINATE) {
            socket.end();
            return;
          }
          relay(message);
        }
      });
      socket.once('close', () => {
        void relaying.then(resolve);
      });
    });
  }

  /**
   * What a new backend would start from. A Sync ends a batch whose client left before sending it, but would commit
   * a batch that had not failed, so a ROLLBACK goes first (a backend skipping to the Sync ignores it); DISCARD ALL
   * drops prepared statements, portals, settings, temporary tables, advisory locks and LISTENs.
   */
  private async resetSession(): Promise<void> {
    await this.db.runExclusive(async () => {
      await this.db.execProtocolRaw(ROLLBACK);
      await this.db.execProtocolRaw(SYNC);
    });
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    await this.db.exec('DISCARD ALL');
  }
}
