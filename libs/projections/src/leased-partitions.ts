import { abortableSleep } from '@claimtrail/event-store';
import { planLeases } from './lease-plan.js';
import type { PartitionLeases } from './partition-leases.js';

export interface LeasedPartitionsOptions {
  /** Runs one partition's work until the signal aborts; settles once it has stopped (after its current batch). */
  work: (partition: number, signal: AbortSignal) => Promise<void>;
  /** A lease round failed (the database went away); the next round tries again. */
  onError?: (error: unknown) => void;
  /** The partitions this worker runs changed; lost lists those another worker took over. */
  onChange?: (owned: readonly number[], lost: readonly number[]) => void;
}

/**
 * Runs the partitions this worker holds a lease on, and only those. Every third of the lease period a round renews
 * the leases it holds, stops the work of any another worker took, then takes free or expired partitions up to a
 * fair share of the live workers, or stops and hands back its surplus when a worker joined. A worker that dies
 * stops renewing: the others take its partitions once its leases expire. Two workers that both believe they hold
 * a partition (one stalled past its lease) never both apply an event: the checkpoint row is the fence (see
 * ProjectionRunner).
 */
export class LeasedPartitions {
  private readonly running = new Map<number, { controller: AbortController; stopped: Promise<void> }>();

  constructor(
    private readonly leases: PartitionLeases,
    private readonly options: LeasedPartitionsOptions,
  ) {}

  owned(): number[] {
    return [...this.running.keys()].sort((a, b) => a - b);
  }

  /** Lease rounds until the signal aborts; then stops every partition's work and releases the leases. */
  async run(signal: AbortSignal): Promise<void> {
    const roundMs = (this.leases.options.leaseSeconds * 1000) / 3;
    while (!signal.aborted) {
      try {
        await this.round();
      } catch (error) {
        this.options.onError?.(error);
      }
      await abortableSleep(roundMs, signal);
    }
    await this.stop(this.owned());
    await this.leases.leave().catch((error: unknown) => this.options.onError?.(error));
  }

  /** One lease round; public for tests, which drive the rounds themselves. */
  async round(): Promise<void> {
    const before = this.owned().join();
    const liveWorkers = await this.leases.heartbeat();
    const held = await this.leases.renew();
    const lost = this.owned().filter((partition) => !held.includes(partition));
    await this.stop(lost);
    const plan = planLeases({ partitions: this.leases.options.partitions, liveWorkers, owned: held });
    if (plan.release.length > 0) {
      await this.stop(plan.release);
      await this.leases.release(plan.release);
    }
    const taken = await this.leases.take(plan.take);
    for (const partition of [...held.filter((p) => !plan.release.includes(p)), ...taken])
      if (!this.running.has(partition)) this.start(partition);
    if (before !== this.owned().join()) this.options.onChange?.(this.owned(), lost);
  }

  private start(partition: number): void {
    const controller = new AbortController();
    const stopped = this.options.work(partition, controller.signal);
    this.running.set(partition, { controller, stopped });
  }

  private async stop(partitions: readonly number[]): Promise<void> {
    const stopping = partitions.flatMap((partition) => {
      const running = this.running.get(partition);
      if (!running) return [];
      this.running.delete(partition);
      running.controller.abort();
      return [running.stopped];
    });
    await Promise.allSettled(stopping);
  }
}
