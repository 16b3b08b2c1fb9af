export type EventStoreErrorCode =
  'WRONG_EXPECTED_VERSION' | 'DUPLICATE_EVENT_ID' | 'INVALID_ARGUMENT' | 'UNAVAILABLE';

export class EventStoreError extends Error {
  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EventStoreError';
  }
}

export class WrongExpectedVersionError extends EventStoreError {
  constructor(
    readonly streamName: string,
    readonly expected: string | number,
    readonly actual: number,
  ) {
    super('WRONG_EXPECTED_VERSION', `Stream ${streamName} is at version ${actual}, expected ${expected}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class InvalidEventStoreArgumentError extends EventStoreError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
    this.name = 'InvalidEventStoreArgumentError';
  }
}

/** An event id that the log already holds in another stream: ids are unique across the log. */
export class DuplicateEventIdError extends EventStoreError {
  constructor(readonly streamName: string) {
    super('DUPLICATE_EVENT_ID', `An event id appended to ${streamName} is already stored in another stream`);
    this.name = 'DuplicateEventIdError';
  }
}
