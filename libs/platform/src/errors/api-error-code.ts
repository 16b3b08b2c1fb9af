/** Every extensions.code the API answers with, and what it tells a client to do. */
export const API_ERROR_CODES = {
  BAD_USER_INPUT:
    'The request or one of its values is malformed or breaks a rule; `field` names the first field at fault and `fields` lists every one. Nothing was written. Fix the input; sending it again unchanged fails again.',
  NOT_FOUND: 'No claim (or other record) with that id. Nothing was written.',
  CONFLICT:
    'The command collides with what is already stored (see `reason`). Nothing was written. On `VERSION_CONFLICT` read the claim again, decide again on its new state and resend with the new `expectedVersion` (or without one to let the server retry on the latest version).',
  INVALID_TRANSITION:
    "The claim's lifecycle does not allow this command in its current state (or its balances do not allow it). Nothing was written; read the claim to see its state.",
  DEADLINE_PASSED:
    'A payer deadline (timely filing, appeal window) has passed for this action. Nothing was written.',
  LEGAL_HOLD:
    'The record is under legal hold, so it cannot be forgotten or destroyed now. Nothing was written; release the hold first if that is intended.',
  READ_MODEL_LAGGING:
    'The read model had not reached `atLeastPosition` within the wait (`waitedMs`); the write itself is stored. Retry the query shortly.',
  QUERY_TOO_COMPLEX:
    'The query asks for more than the server allows (see `reason`); it was not run. Ask for fewer aliases, less depth or smaller pages.',
  UNAUTHENTICATED:
    'No bearer token, or one the server does not accept (see `reason`). Nothing ran. Get a token from the identity provider (locally: `claimtrail token`) and send it as `Authorization: Bearer <token>`.',
  FORBIDDEN:
    "The token's roles do not allow this operation or field (`roles` lists the roles that do). Nothing ran.",
  RATE_LIMITED:
    'Too many requests from this token or address; nothing ran. Wait `retryAfterSeconds` (the `Retry-After` header says the same) and retry.',
  SHUTTING_DOWN:
    'The server is shutting down; nothing of the request ran (HTTP 503, `Connection: close`). Send it again shortly (a command with the same `commandId` never applies twice). A subscription ended so carries `lastPosition`: subscribe again with `after` set to it.',
  INTERNAL_SERVER_ERROR:
    'Something failed on the server; the message says nothing more on purpose and the server log has the details under the request id (`x-request-id`). A command may or may not have been stored: resend it with the same `commandId`, which never applies it twice.',
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;
