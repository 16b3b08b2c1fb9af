import { createClient, type Client } from 'graphql-ws';
import { bearer } from './test-tokens.js';
import WebSocket from 'ws';

export interface LogEvent {
  position: string;
  claimId: string;
  type: string;
  version: number;
}

export interface SubscriptionError {
  message: string;
  extensions?: Record<string, any>;
}

export type EventsOperation = 'claimEvents' | 'claimEventBatches';

const FIELDS = 'position claimId type version';

const claimEventsQuery = (
  fields: string,
) => `subscription Events($after: String, $types: [String!], $claimId: ID) {
  claimEvents(after: $after, types: $types, claimId: $claimId) { ${fields} }
}`;

const claimEventBatchesQuery = (
  fields: string,
) => `subscription Batches($after: String, $types: [String!], $claimId: ID) {
  claimEventBatches(after: $after, types: $types, claimId: $claimId) {
    lastPosition
    events { ${fields} }
  }
}`;

/**
 * A graphql-ws client on the API's own port, as an analytics job would open one, authenticated at connect with
 * `authorization` (a test token with every role unless given).
 */
export function wsClient(httpUrl: string, authorization?: { authorization: string }): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    connectionParams: async () => authorization ?? (await bearer()),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
  });
}

interface EventsData {
  claimEvents?: LogEvent;
  claimEventBatches?: { lastPosition: string; events: LogEvent[] };
}

/**
 * Subscribes (to claimEvents, or to claimEventBatches) and hands each event to onEvent; `ended` settles when the
 * server completes or refuses the subscription (with its errors), `stop` completes it from this side.
 */
export function subscribeEvents(
  client: Client,
  variables: Record<string, unknown>,
  onEvent: (event: LogEvent) => void = () => {},
  operation: EventsOperation = 'claimEvents',
  /** The fields of each event to ask for (position is needed). */
  fields = FIELDS,
): { ended: Promise<SubscriptionError[] | undefined>; stop: () => void } {
  let stop = () => {};
  const ended = new Promise<SubscriptionError[] | undefined>((resolve) => {
    stop = client.subscribe<EventsData>(
      {
        query: operation === 'claimEvents' ? claimEventsQuery(fields) : claimEventBatchesQuery(fields),
        variables,
      },
      {
        next: (result) => {
          if (result.errors) return resolve(result.errors as SubscriptionError[]);
          const { claimEvents, claimEventBatches } = result.data!;
          if (claimEvents) return onEvent(claimEvents);
          if (claimEventBatches!.events.at(-1)!.position !== claimEventBatches!.lastPosition)
            return resolve([{ message: 'lastPosition is not the last event’s position' }]);
          claimEventBatches!.events.forEach(onEvent);
        },
        error: (error) => resolve(Array.isArray(error) ? error : [{ message: String(error) }]),
        complete: () => resolve(undefined),
      },
    );
  });
  return { ended, stop };
}
