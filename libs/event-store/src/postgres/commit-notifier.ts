import { abortableSleep } from '../abortable-sleep.js';
import type { Queryable } from './queryable.js';

/**
 * NOTIFY sent by the writer right after its own commit, coalesced to one in flight per process. A NOTIFY inside the
 * appending transaction would hold PostgreSQL's global notify lock through the commit's WAL flush and serialise
 * concurrent commits (measured: about half the throughput with 8 writers); this one has no transaction id, so its
 * commit flushes nothing. A NOTIFY lost to a crash is covered by the listeners' fallback poll. Its payload names the
 * sender, whose own subscribers were woken in-process and skip it (PostgresChangeListener's `ignorePayload`).
 */
export class CommitNotifier {
  private again = false;
  private inFlight: Promise<void> | undefined;

  private readonly sender: string;
  private readonly gatherMs: number;

  constructor(
    private readonly db: Queryable,
    private readonly channel: string,
    options: {
      /** The payload: who sent it, for listeners that skip their own process's notifications. */
      sender?: string;
      /** How long to wait for more commits before announcing: writers that commit together, announced once. */
      gatherMs?: number;
    } = {},
  ) {
    this.sender = options.sender ?? '';
    this.gatherMs = options.gatherMs ?? 0;
  }

  /** Announces every commit that finished before this call. */
  poke(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = this.send().finally(() => (this.inFlight = undefined));
  }

  async drain(): Promise<void> {
    await this.inFlight;
  }

  private async send(): Promise<void> {
    if (this.gatherMs > 0) await abortableSleep(this.gatherMs);
    do {
      this.again = false;
      await this.db
        .query({ text: 'SELECT pg_notify($1, $2)', values: [this.channel, this.sender] })
        .catch(() => undefined);
    } while (this.again);
  }
}
