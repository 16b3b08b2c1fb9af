import pg from 'pg';
import { abortableSleep } from '../abortable-sleep.js';
import { EVENTS_CHANNEL } from './postgres-event-store.sql.js';

/**
 * One dedicated connection (outside the pool, which hands connections back and forth) that LISTENs for commits.
 * Subscriptions compare generations so that a notification arriving between their read and their wait is not lost.
 */
export class PostgresChangeListener {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private waiters = new Set<() => void>();
  private closed = false;
  /** Bumped by every notification and every reconnect (events may have been missed while disconnected). */
  generation = 0;

  constructor(private readonly connectionString: string) {}

  /** Connects and LISTENs if not yet done; a failure leaves the caller to poll and try again on its next wait. */
  async ready(): Promise<boolean> {
    if (this.client) return true;
    if (this.closed) return false;
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    await this.connecting.catch(() => undefined);
    return this.client !== undefined;
  }

  /** Resolves on a notification newer than seenGeneration, after fallbackMs, or when the signal aborts. */
  async wait(seenGeneration: number, fallbackMs: number, signal?: AbortSignal): Promise<void> {
    if (!(await this.ready())) return abortableSleep(fallbackMs, signal);
    if (this.generation !== seenGeneration || signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, fallbackMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', () => {
      this.generation++;
      this.wakeAll();
    });
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    await client.connect();
    try {
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.generation++;
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.generation++;
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
