import { whenSettled } from '@claimtrail/platform';
import {
  appendOutcomeOf,
  type AppendObserver,
  type AppendRun,
  type ObservedAppend,
} from '@claimtrail/event-store';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Appends to the event store: how long each took, and how many a concurrent writer beat (wrong expected version). */
export class EventAppendMetrics implements AppendObserver {
  private readonly duration: Histogram;
  private readonly conflicts: Counter;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'claimtrail_event_append_duration_seconds',
      help: 'Appends to the event store, whatever their outcome',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    this.conflicts = new Counter({
      name: 'claimtrail_event_append_conflicts_total',
      help: 'Appends refused for a wrong expected version (another writer got there first, or a submit found its claim filed)',
      registers: [registry],
    });
  }

  observe(append: ObservedAppend, run: AppendRun) {
    const started = performance.now();
    return whenSettled(
      () => run(append.events),
      (failure) => {
        this.duration.observe((performance.now() - started) / 1000);
        if (failure && appendOutcomeOf(failure.error) === 'conflict') this.conflicts.inc();
      },
    );
  }
}
