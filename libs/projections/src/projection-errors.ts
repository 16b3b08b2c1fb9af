/**
 * Whether an error is the events' fault (and so one stream's) or the environment's. Only data exceptions (SQLSTATE
 * class 22: a value out of range, a NUL byte), violated constraints (23) and errors thrown by the projection's own
 * code blame the events: the failing stream is quarantined. Anything else (the database went away or shut down, a
 * lost race, a missing table or privilege after a bad deployment) would fail every stream alike, so the whole batch
 * is tried again until the environment is fixed.
 */
const STREAM_SQLSTATE_CLASSES = ['22', '23'];
const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN']);

export function isTransientError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') {
    if (CONNECTION_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code)) return !STREAM_SQLSTATE_CLASSES.includes(code.slice(0, 2));
  }
  const message = (error as Error)?.message ?? '';
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(
    message,
  );
}
