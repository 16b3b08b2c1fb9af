export type EventStoreErrorCode = 'WRONG_EXPECTED_VERSION' | 'INVALID_ARGUMENT' | 'UNAVAILABLE';

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
