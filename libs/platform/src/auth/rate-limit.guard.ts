import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AuthSettings } from './auth.config.js';
import { RateLimitedError } from './auth.errors.js';
import { AUTH_SETTINGS } from './authenticator.js';
import type { AuthContext } from './principal.js';

/** The address a request comes from: the socket's, unless Express was told to trust a proxy's header. */
function addressOf(req: { ip?: string; socket?: { remoteAddress?: string } } | undefined): string {
  return req?.ip ?? req?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Rate limits on GraphQL operations (each root field counts), over HTTP and WebSocket alike: per address, whether
 * or not the token is good (a flood of bad tokens is cut off too), and per token subject.
 * Refused with RATE_LIMITED and Retry-After. Counts are per process: behind a load balancer each instance limits
 * its own share.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly perIp: RateLimiterMemory;
  private readonly perToken: RateLimiterMemory;

  constructor(@Inject(AUTH_SETTINGS) settings: AuthSettings) {
    const duration = settings.rateLimit.windowSeconds;
    this.perIp = new RateLimiterMemory({ keyPrefix: 'ip', points: settings.rateLimit.perIp, duration });
    this.perToken = new RateLimiterMemory({
      keyPrefix: 'token',
      points: settings.rateLimit.perToken,
      duration,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context).getContext<AuthContext>();
    try {
      await this.perIp.consume(addressOf(gql.req));
      if (gql.principal) await this.perToken.consume(gql.principal.actor);
      return true;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      if (gql.res && !gql.res.headersSent) gql.res.setHeader('Retry-After', String(retryAfterSeconds));
      throw new RateLimitedError(retryAfterSeconds);
    }
  }
}
