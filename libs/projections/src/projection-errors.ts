/**
 * Errors that say nothing about the events: the database went away, was shut down, ran out of something, or a
 * transaction lost a race. The batch is tried again as a whole; anything else is the events' (or the projection's)
 * fault for the stream at hand, and quarantines that stream.
 */
const TRANSIENT_SQLSTATE_CLASSES = ['08', '40', '53', '55', '57', '58', 'XX'];
const TRANSIENT_NODE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN']);

export function isTransientError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') {
    if (TRANSIENT_NODE_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2));
  }
  const message = (error as Error)?.message ?? '';
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(
    message,
  );
}

/** What may be stored or logged about an error: its class and SQLSTATE, never its message (it can quote values). */
export function errorSummary(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return `${(error as Error)?.name ?? 'Error'}${typeof code === 'string' ? ` (${code})` : ''}`;
}
