import { errorMapping } from '@claimtrail/platform';
import { EventStoreError } from './event-store.errors.js';

/** The event store's refusals; an unreachable store is an internal error, not the client's. */
export const eventStoreErrorMapping = errorMapping({
  errorClass: EventStoreError,
  reasonOf: (error) => error.code,
  codes: {
    INVALID_ARGUMENT: 'BAD_USER_INPUT',
    WRONG_EXPECTED_VERSION: 'CONFLICT',
    DUPLICATE_EVENT_ID: 'CONFLICT',
    UNAVAILABLE: 'INTERNAL_SERVER_ERROR',
  },
  meanings: {
    INVALID_ARGUMENT: 'The event store refused an argument (a stream name, an event) before writing.',
    WRONG_EXPECTED_VERSION: 'The event store found the stream at another version.',
    DUPLICATE_EVENT_ID: 'An event id is already stored in another stream.',
    UNAVAILABLE: 'The event store cannot be reached.',
  },
});
