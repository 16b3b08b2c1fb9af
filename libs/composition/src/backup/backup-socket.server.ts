import { mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PG_POOL, RESOLVED_DATABASE, type ResolvedDatabase } from '@claimtrail/database';
import { PATIENT_MASTER_KEY, type MasterKeyring } from '@claimtrail/patients';
import { loggableError } from '@claimtrail/platform';
import type { Pool } from 'pg';
import {
  BACKUP_SOCKET_FILE,
  MAX_REQUEST_BYTES,
  type BackupSocketAnswer,
  type BackupSocketPointer,
  type BackupSocketRequest,
} from './backup-socket.protocol.js';
import { dumpClaimTrail } from './claimtrail-backup.js';

export const BACKUP_SOCKET_OPTIONS = Symbol('BACKUP_SOCKET_OPTIONS');

export interface BackupSocketOptions {
  /** PATIENT_MASTER_KEY is set: the key lives with the operator's secrets and is never put in a backup. */
  masterKeyConfigured: boolean;
}

/**
 * Serves `claimtrail backup` while this process owns an embedded data directory (see backup-socket.protocol.ts). The
 * backup runs here, on the process's one database connection, so it is a snapshot of everything committed before
 * it and requests wait for the few seconds it takes instead of seeing a half-read database.
 */
@Injectable()
export class BackupSocketServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Backup');
  private readonly connections = new Set<Socket>();
  private readonly running = new Set<Promise<void>>();
  private server: Server | undefined;
  private directory: string | undefined;
  private pointer: { path: string; text: string } | undefined;

  constructor(
    @Inject(RESOLVED_DATABASE) private readonly database: ResolvedDatabase,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PATIENT_MASTER_KEY) private readonly keyring: MasterKeyring,
    @Inject(BACKUP_SOCKET_OPTIONS) private readonly options: BackupSocketOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const dataDir = this.database.embedded ? this.database.dataDir : undefined;
    if (!dataDir) return;
    this.directory = await mkdtemp(join(tmpdir(), 'ct-backup-'));
    const socket = join(this.directory, 'backup.sock');
    const server = createServer((connection) => this.admit(connection));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socket, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const pointer: BackupSocketPointer = { socket, pid: process.pid };
    this.pointer = { path: join(dataDir, BACKUP_SOCKET_FILE), text: `${JSON.stringify(pointer)}\n` };
    await writeFile(`${this.pointer.path}.${process.pid}`, this.pointer.text, { mode: 0o600 });
    await rename(`${this.pointer.path}.${process.pid}`, this.pointer.path);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const connection of this.connections) connection.destroy();
    await Promise.allSettled(this.running);
    await closed;
    // Only our own pointer: a later owner of the directory may have written its own.
    if (this.pointer && (await readFile(this.pointer.path, 'utf8').catch(() => '')) === this.pointer.text)
      await unlink(this.pointer.path).catch(() => undefined);
    if (this.directory) await rm(this.directory, { recursive: true, force: true });
  }

  private admit(connection: Socket): void {
    this.connections.add(connection);
    connection.on('error', () => undefined);
    connection.once('close', () => this.connections.delete(connection));
    connection.setTimeout(10_000, () => connection.destroy());
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const newline = received.indexOf(0x0a);
      if (newline < 0) {
        if (received.length > MAX_REQUEST_BYTES) connection.destroy();
        return;
      }
      connection.off('data', onData);
      connection.setTimeout(0);
      let request: Partial<BackupSocketRequest>;
      try {
        request = JSON.parse(received.subarray(0, newline).toString('utf8')) as Partial<BackupSocketRequest>;
      } catch {
        connection.destroy();
        return;
      }
      const serving = this.serve(connection, request.includeMasterKey === true);
      this.running.add(serving);
      void serving.finally(() => this.running.delete(serving));
    };
    connection.on('data', onData);
  }

  private async serve(connection: Socket, includeMasterKey: boolean): Promise<void> {
    const answer = (value: BackupSocketAnswer) => connection.write(`${JSON.stringify(value)}\n`);
    if (includeMasterKey && this.options.masterKeyConfigured) {
      answer({
        ok: false,
        code: 'BACKUP_SOURCE_MISSING',
        message:
          'PATIENT_MASTER_KEY is configured: keep it with your secrets; --include-master-key is for the key ' +
          'the embedded database generated in its data directory',
      });
      connection.end();
      return;
    }
    answer({ ok: true });
    const started = performance.now();
    const client = await this.pool.connect();
    try {
      const header = await dumpClaimTrail(client, connection, {
        source: 'embedded',
        keyring: this.keyring,
        includeMasterKey,
      });
      this.logger.log(
        {
          tables: header.tables.length,
          rows: header.tables.reduce((sum, table) => sum + table.rows, 0),
          events: header.application.log.events,
          masterKeyIncluded: includeMasterKey,
          ms: Math.round(performance.now() - started),
        },
        'Backup sent',
      );
    } catch (error) {
      connection.destroy();
      this.logger.warn({ err: loggableError(error) }, 'Backup stopped');
    } finally {
      client.release();
    }
  }
}
