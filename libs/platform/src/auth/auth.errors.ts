import { errorMapping, type ErrorMapping } from '../errors/error-mapping.js';

export const UNAUTHENTICATED_REASONS = {
  MISSING_TOKEN:
    'No `Authorization: Bearer <token>` header (or `authorization` connection parameter on WebSocket).',
  INVALID_TOKEN:
    'The token is malformed, unsigned, signed by a key the server does not trust, or tampered with. Get a new token.',
  EXPIRED_TOKEN: 'The token has expired (or is not valid yet). Get a new token.',
  WRONG_AUDIENCE_OR_ISSUER: 'The token was issued by another issuer or for another audience.',
  NO_SUBJECT: 'The token has no usable `sub` claim to record as the actor.',
} as const;
export type UnauthenticatedReason = keyof typeof UNAUTHENTICATED_REASONS;

export const FORBIDDEN_REASONS = {
  ROLE_REQUIRED: 'The token has none of the roles this operation or field needs (`roles` lists them).',
} as const;
export type ForbiddenReason = keyof typeof FORBIDDEN_REASONS;

/** No verified identity: the request is refused before anything runs. The message never echoes the token. */
export class UnauthenticatedError extends Error {
  constructor(readonly reason: UnauthenticatedReason) {
    super(
      reason === 'MISSING_TOKEN'
        ? 'Authentication required: send a bearer token'
        : 'Authentication failed: the token was not accepted',
    );
    this.name = 'UnauthenticatedError';
  }
}

export class ForbiddenError extends Error {
  constructor(
    readonly what: string,
    readonly roles: readonly string[],
  ) {
    super(
      roles.length > 0
        ? `Not allowed: ${what} needs one of the roles ${roles.join(', ')}`
        : `Not allowed: ${what} declares no role, so no one may use it`,
    );
    this.name = 'ForbiddenError';
  }
}

export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; retry after ${retryAfterSeconds} s`);
    this.name = 'RateLimitedError';
  }
}

export const unauthenticatedErrorMapping = errorMapping({
  errorClass: UnauthenticatedError,
  reasonOf: (error) => error.reason,
  codes: {
    MISSING_TOKEN: 'UNAUTHENTICATED',
    INVALID_TOKEN: 'UNAUTHENTICATED',
    EXPIRED_TOKEN: 'UNAUTHENTICATED',
    WRONG_AUDIENCE_OR_ISSUER: 'UNAUTHENTICATED',
    NO_SUBJECT: 'UNAUTHENTICATED',
  },
  meanings: UNAUTHENTICATED_REASONS,
});

const forbiddenMapping = errorMapping({
  errorClass: ForbiddenError,
  reasonOf: () => 'ROLE_REQUIRED' as const,
  codes: { ROLE_REQUIRED: 'FORBIDDEN' },
  meanings: FORBIDDEN_REASONS,
  extensionsOf: (error) => ({ roles: error.roles }),
});

const rateLimitedMapping = errorMapping({
  errorClass: RateLimitedError,
  reasonOf: () => 'TOO_MANY_REQUESTS' as const,
  codes: { TOO_MANY_REQUESTS: 'RATE_LIMITED' },
  meanings: {
    TOO_MANY_REQUESTS:
      'More requests than `RATE_LIMIT_PER_TOKEN` (per token) or `RATE_LIMIT_PER_IP` (per address) within `RATE_LIMIT_WINDOW_SECONDS`; wait `retryAfterSeconds` (also the `Retry-After` header).',
  },
  extensionsOf: (error) => ({ retryAfterSeconds: error.retryAfterSeconds }),
});

/** Authentication, authorization and rate limits as the API answers them. */
export const authErrorMappings: readonly ErrorMapping[] = [
  unauthenticatedErrorMapping,
  forbiddenMapping,
  rateLimitedMapping,
];
