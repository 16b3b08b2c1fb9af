/** Business time of a command: resolved by the handler (the caller's occurredAt, else the clock). */
export interface Timed {
  occurredAt: string;
}
