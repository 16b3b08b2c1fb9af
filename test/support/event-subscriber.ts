import { createClient, type Client } from 'graphql-ws';
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

export const CLAIM_EVENTS = `subscription Events($after: String, $types: [String!], $claimId: ID) {
  claimEvents(after: $after, types: $types, claimId: $claimId) { position claimId type version }
}`;

/** A graphql-ws client on the API's own port, as an analytics job would open one. */
export function wsClient(httpUrl: string): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
  });
}

/**
 * Subscribes and hands each event to onEvent; `ended` settles when the server completes or refuses the
 * subscription (with its errors), `stop` completes it from this side.
 */
export function subscribeEvents(
  client: Client,
  variables: Record<string, unknown>,
  onEvent: (event: LogEvent) => void = () => {},
): { ended: Promise<SubscriptionError[] | undefined>; stop: () => void } {
  let stop = () => {};
  const ended = new Promise<SubscriptionError[] | undefined>((resolve) => {
    stop = client.subscribe<{ claimEvents: LogEvent }>(
      { query: CLAIM_EVENTS, variables },
      {
        next: (result) => {
          if (result.errors) resolve(result.errors as SubscriptionError[]);
          else onEvent(result.data!.claimEvents);
        },
        error: (error) => resolve(Array.isArray(error) ? error : [{ message: String(error) }]),
        complete: () => resolve(undefined),
      },
    );
  });
  return { ended, stop };
}
