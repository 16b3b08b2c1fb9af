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

/** Told how each append ended and how long it took (metrics). */
export interface AppendObserver {
  appendEnded(outcome: AppendOutcome, durationSeconds: number): void;
}

/** The port with its appends observed; every call goes to the adapter unchanged. */
export class ObservedEventStore implements EventStore {
  constructor(
    readonly adapter: EventStore,
    private readonly observer: AppendObserver,
  ) {}

  append(streamName: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    return this.adapter.append(streamName, events, options).then(
      (result) => {
        this.observer.appendEnded('appended', seconds());
        return result;
      },
      (error: unknown) => {
        this.observer.appendEnded(
          error instanceof WrongExpectedVersionError ? 'conflict' : 'error',
          seconds(),
        );
        throw error;
      },
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
