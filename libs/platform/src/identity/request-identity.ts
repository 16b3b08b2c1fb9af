import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestValidationError } from '../errors/api-errors.js';

export interface RequestIdentity {
  actor: string;
  correlationId?: string;
}

const HEADER_VALUE = /^[A-Za-z0-9][A-Za-z0-9._@:-]{0,99}$/;

function header(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
    throw new RequestValidationError([
      { field: name, message: `${name} header must be 1-100 letters, digits or . _ @ : -` },
    ]);
  }
  return value;
}

/**
 * Who is acting, for the audit trail. Authentication is not built yet: the caller names itself in x-actor-id,
 * which a gateway in front of the API must set from the verified identity.
 */
export function identityOf(headers: Record<string, unknown> = {}): RequestIdentity {
  return {
    actor: header(headers, 'x-actor-id') ?? 'anonymous',
    correlationId: header(headers, 'x-correlation-id'),
  };
}

export const Identity = createParamDecorator((_data: unknown, context: ExecutionContext): RequestIdentity => {
  const request = GqlExecutionContext.create(context).getContext<{
    req?: { headers?: Record<string, unknown> };
  }>().req;
  return identityOf(request?.headers);
});
