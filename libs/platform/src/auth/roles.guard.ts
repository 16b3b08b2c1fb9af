import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { ForbiddenError, UnauthenticatedError } from './auth.errors.js';
import { Authenticator } from './authenticator.js';
import type { AuthContext, Principal } from './principal.js';
import { ROLES_KEY, type Role } from './roles.js';

/** The verified principal of a GraphQL context, or the reason it has none. */
function principalOf(context: AuthContext, authenticator: Authenticator): Principal {
  const principal = context.principal;
  if (!principal) throw context.authFailure ?? new UnauthenticatedError('MISSING_TOKEN');
  if (authenticator.expired(principal)) throw new UnauthenticatedError('EXPIRED_TOKEN');
  return principal;
}

/**
 * Every GraphQL operation needs a verified token with one of the roles its resolver declares with @Roles; an
 * operation that declares none is refused to everyone (default deny). HTTP routes outside GraphQL (health, the
 * GraphiQL page) are not operations and stay open.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const principal = principalOf(gql.getContext<AuthContext>(), this.authenticator);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles?.some((role) => principal.roles.has(role))) return true;
    throw new ForbiddenError(gql.getInfo<{ fieldName: string }>().fieldName, roles ?? []);
  }
}
