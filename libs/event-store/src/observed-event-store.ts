import { WrongExpectedVersionError } from './event-store.errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from './event-store.port.js';

/** appended, conflict (a wrong expected version), or error (anything else the adapter refused or failed). */
export type AppendOutcome = 'appended' | 'conflict' | 'error';

export function appendOutcomeOf(error: unknown): AppendOutcome {
  return error instanceof WrongExpectedVersionError ? 'conflict' : 'error';
}

/** One append as its caller asked for it. */
export interface ObservedAppend {
  streamName: string;
  events: readonly NewEvent[];
  options: AppendOptions;
}

/** Stores the events it is given, as the observed append would have. */
export type AppendRun = (events: readonly NewEvent[]) => Promise<AppendResult>;

/**
 * Runs each append and sees how it ended (metrics time it, traces wrap it in a span). `append` stores the events it
 * is given: the caller's, or the same with more metadata (the trace context they were written in).
 */
export interface AppendObserver {
  observe(append: ObservedAppend, run: AppendRun): Promise<AppendResult>;
}

/** Several observers as one, the first outermost; each hands the next the events it would store. */
export function observeAppends(...observers: AppendObserver[]): AppendObserver {
  return observers.reduceRight<AppendObserver>(
    (inner, outer) => ({
      observe: (append, run) => outer.observe(append, (events) => inner.observe({ ...append, events }, run)),
    }),
    { observe: (append, run) => run(append.events) },
  );
}

/** The port with its appends observed; every other call goes to the adapter unchanged. */
export class ObservedEventStore implements EventStore {
  constructor(
    readonly adapter: EventStore,
    private readonly observer: AppendObserver,
  ) {}

  append(streamName: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.observer.observe({ streamName, events, options }, (observed) =>
      this.adapter.append(streamName, observed, options),
    );
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.adapter.readStream(streamName, options);
  }

  readStreams(streamNames: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    return this.adapter.readStreams(streamNames);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.adapter.readAll(options);
  }

  subscribe(options?: SubscribeOptions): AsyncIterable<RecordedEvent[]> {
    return this.adapter.subscribe(options);
  }

  headPosition(): Promise<string | undefined> {
    return this.adapter.headPosition();
  }

  close(): Promise<void> {
    return this.adapter.close();
  }
}

/** The adapter behind an observed store, for code that needs to know which one it is. */
export function adapterOf(store: EventStore): EventStore {
  return store instanceof ObservedEventStore ? store.adapter : store;
}
