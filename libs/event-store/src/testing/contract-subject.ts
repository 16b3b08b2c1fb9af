import type { AppendOptions, AppendResult, EventStore, NewEvent } from '../event-store.port.js';

/** An adapter under the contract, opened on a fresh database. */
export interface ContractSubject {
  store: EventStore;
  /** Another store on the same database, as another process would have: it shares nothing in memory with store. */
  otherWriter?: EventStore;
  /** Closes everything the factory opened. */
  dispose(): Promise<void>;
  /** Appends inside a transaction that stays open until hold() resolves; adapters without transactions omit it. */
  /** Everything runs through one connection (the embedded database): a held-open append makes the others wait. */
  singleConnection?: boolean;
  appendHeldOpen?(
    streamName: string,
    events: readonly NewEvent[],
    options: AppendOptions,
    hold: () => Promise<void>,
  ): Promise<AppendResult>;
}
