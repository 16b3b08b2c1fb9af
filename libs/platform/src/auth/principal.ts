import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Role } from './roles.js';
import type { UnauthenticatedError } from './auth.errors.js';

/** Who a verified token says is calling: its subject, its roles, and until when it holds (epoch seconds). */
export interface Principal {
  actor: string;
  roles: ReadonlySet<Role>;
  expiresAt?: number;
}

/** The GraphQL context of every request and subscription: the principal, or why there is none. */
export interface AuthContext {
  req?: IncomingMessage;
  res?: ServerResponse;
  principal?: Principal;
  authFailure?: UnauthenticatedError;
}

export type Authentication = Pick<AuthContext, 'principal' | 'authFailure'>;
