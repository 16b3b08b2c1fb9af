import { createClient, type Client } from 'graphql-ws';
import { ClaimEventsDocument, type ClaimEventsSubscription } from './graphql/generated.js';

/** Calls fn at most once per `ms`: the first call at once, calls within the window folded into one at its end. */
export function throttle(fn: () => void, ms: number, clock: () => number = Date.now): () => void {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (timer) return;
    const wait = last + ms - clock();
    if (wait <= 0) {
      last = clock();
      fn();
      return;
    }
    timer = setTimeout(() => {
      timer = undefined;
      last = clock();
      fn();
    }, wait);
  };
}

export type LiveStatus = 'live' | 'connecting' | 'off';

/**
 * Follows claimEvents from the log's head read when the page opened (only what happened since), handing each event
 * on. Asks for no event data: the page only needs to know that a claim changed, and so reads no patient data.
 */
export async function followClaimEvents(
  head: Promise<string | undefined>,
  token: () => Promise<string>,
  onEvent: (event: ClaimEventsSubscription['claimEvents']) => void,
  onStatus: (status: LiveStatus, detail?: string) => void,
): Promise<Client> {
  // Sent anew on each reconnect: it resumes after the last event seen, missing none and repeating none.
  const variables = { after: await head };
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const client = createClient({
    url: `${scheme}://${location.host}/graphql`,
    connectionParams: async () => ({ authorization: `Bearer ${await token()}` }),
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: {
      connecting: () => onStatus('connecting'),
      connected: () => onStatus('live'),
      closed: () => onStatus('connecting'),
    },
  });
  client.subscribe<ClaimEventsSubscription>(
    { query: ClaimEventsDocument.toString(), variables },
    {
      next: ({ data }) => {
        if (!data) return;
        variables.after = data.claimEvents.position;
        onEvent(data.claimEvents);
      },
      error: (error) =>
        onStatus('off', Array.isArray(error) ? String(error[0]?.message) : 'the subscription failed'),
      complete: () => onStatus('off'),
    },
  );
  return client;
}
