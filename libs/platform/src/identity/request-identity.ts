import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { IncomingMessage } from 'node:http';
import type { AuthContext } from '../auth/principal.js';
import { RequestValidationError } from '../errors/api-errors.js';

export interface RequestIdentity {
  actor: string;
  correlationId?: string;
}

const HEADER_VALUE = /^[A-Za-z0-9][A-Za-z0-9._@:-]{0,99}$/;
const HEADER_RULE = 'must be 1-100 letters, digits or . _ @ : -';

/** The caller's x-correlation-id, checked: it is written into every event the request stores. */
export function correlationIdOf(headers: IncomingMessage['headers'] | Record<string, unknown> = {}) {
  const value = headers['x-correlation-id'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !HEADER_VALUE.test(value))
    throw new RequestValidationError([
      { field: 'x-correlation-id', message: `x-correlation-id header ${HEADER_RULE}` },
    ]);
  return value;
}

/** An actor named outside a token (the CLI's CLAIMTRAIL_ACTOR), held to the same rule as a header. */
export function isActorName(value: string): boolean {
  return HEADER_VALUE.test(value);
}

/**
 * Who is acting, for the audit trail: the subject of the request's verified token (the roles guard has refused
 * every operation without one), never a header the caller chose.
 */
export function identityOf(context: AuthContext): RequestIdentity {
  return {
    actor: context.principal?.actor ?? 'anonymous',
    correlationId: correlationIdOf(context.req?.headers),
  };
}

export const Identity = createParamDecorator((_data: unknown, context: ExecutionContext): RequestIdentity =>
  identityOf(GqlExecutionContext.create(context).getContext<AuthContext>()),
);
