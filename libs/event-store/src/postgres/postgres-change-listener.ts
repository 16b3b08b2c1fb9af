import pg from 'pg';
import { abortableSleep } from '../abortable-sleep.js';
import { Wakeups } from '../wakeups.js';

/**
 * One dedicated connection (outside the pool, which hands connections back and forth) that LISTENs for commits.
 * Subscriptions compare generations so that a notification arriving between their read and their wait is not lost.
 */
export class PostgresChangeListener {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;
  /** Bumped by every notification and every reconnect (commits may have gone unannounced while disconnected). */
  private readonly wakeups = new Wakeups();

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    /** Notifications with this payload are skipped: their sender already woke this process's waiters itself. */
    private readonly ignorePayload?: string,
  ) {}

  get generation(): number {
    return this.wakeups.generation;
  }

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
    return this.wakeups.wait(seenGeneration, fallbackMs, signal);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeups.bump();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', ({ payload }) => {
      if (this.ignorePayload === undefined || payload !== this.ignorePayload) this.wakeups.bump();
    });
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    await client.connect();
    try {
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.wakeups.bump();
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.wakeups.bump();
  }
}
