import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { CLOCK, type Clock } from '../time/clock.js';
import type { AuthSettings } from './auth.config.js';
import { UnauthenticatedError, type UnauthenticatedReason } from './auth.errors.js';
import {
  loadLocalSigningKey,
  mintLocalToken,
  type LocalSigningKey,
  type TokenRequest,
} from './local-signing-key.js';
import type { Authentication, Principal } from './principal.js';
import { isRole, type Role } from './roles.js';

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

const ALGORITHMS = ['RS256', 'ES256'];
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;
// Any visible ASCII: providers' subjects are UUIDs, emails or "provider|id".
const SUBJECT = /^[\x21-\x7e]{1,255}$/;

/** A subject this API records as an actor (tokens and `claimtrail token --actor` alike). */
export const isTokenSubject = (value: unknown): value is string =>
  typeof value === 'string' && SUBJECT.test(value);
const CACHED_TOKENS = 10_000;

function reasonOf(error: unknown): UnauthenticatedReason {
  if (error instanceof errors.JWTExpired) return 'EXPIRED_TOKEN';
  if (error instanceof errors.JWTClaimValidationFailed)
    return error.claim === 'iss' || error.claim === 'aud' ? 'WRONG_AUDIENCE_OR_ISSUER' : 'EXPIRED_TOKEN';
  return 'INVALID_TOKEN';
}

function rolesOf(payload: JWTPayload, claim: string): Set<Role> {
  let value: unknown = payload;
  for (const key of claim.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  const listed = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : [];
  return new Set(listed.filter(isRole));
}

/**
 * Verifies bearer tokens: against the OpenID Connect provider's JWKS (issuer and audience checked, RS256 or ES256
 * only, so an unsigned `alg: none` token never passes), or against this installation's development key. A verified
 * token is remembered until it expires, so that a client sending the same token does not pay a signature check
 * per request.
 */
@Injectable()
export class Authenticator implements OnModuleInit {
  private readonly logger = new Logger('auth');
  private remote?: JWTVerifyGetKey;
  private local?: LocalSigningKey;
  private readonly verified = new Map<string, Principal>();

  constructor(
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.settings.jwksUrl) {
      this.remote = createRemoteJWKSet(new URL(this.settings.jwksUrl));
      return;
    }
    this.local = await loadLocalSigningKey(this.settings.localKeyFile);
    this.logger.log(
      { keyFile: this.settings.localKeyFile === 'memory' ? 'memory' : this.settings.localKeyFile },
      'Development tokens: mint one with `npm run -s cli -- token --role <role> --actor <name>`',
    );
  }

  /** The principal of an Authorization header (or WebSocket connection parameter), or why there is none. */
  async authenticate(authorization: unknown): Promise<Authentication> {
    if (authorization === undefined || authorization === null || authorization === '')
      return { authFailure: new UnauthenticatedError('MISSING_TOKEN') };
    const token = typeof authorization === 'string' ? BEARER.exec(authorization)?.[1] : undefined;
    if (!token) return { authFailure: new UnauthenticatedError('INVALID_TOKEN') };
    try {
      return { principal: await this.verify(token) };
    } catch (error) {
      if (error instanceof UnauthenticatedError) return { authFailure: error };
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError))
        this.logger.warn({ errorName: (error as Error).name }, 'Could not check a token against the JWKS');
      return { authFailure: new UnauthenticatedError(reasonOf(error)) };
    }
  }

  /** Whether the principal still holds at this moment (a WebSocket connection outlives its token's checks). */
  expired(principal: Principal): boolean {
    return principal.expiresAt !== undefined && principal.expiresAt * 1000 <= this.clock.now().getTime();
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known && !this.expired(known)) return known;
    const options = {
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      algorithms: ALGORITHMS,
      currentDate: this.clock.now(),
    };
    const { payload } = this.remote
      ? await jwtVerify(token, this.remote, options)
      : await jwtVerify(token, this.local!.publicKey, options);
    if (!isTokenSubject(payload.sub)) throw new UnauthenticatedError('NO_SUBJECT');
    const principal: Principal = {
      actor: payload.sub,
      roles: rolesOf(payload, this.settings.rolesClaim),
      expiresAt: payload.exp,
    };
    if (this.verified.size >= CACHED_TOKENS) this.verified.clear();
    this.verified.set(token, principal);
    return principal;
  }

  /** A development token from the local key; refused when tokens come from a provider (and so in production). */
  mint(request: Omit<TokenRequest, 'audience' | 'now'> & { now?: Date }): Promise<string> {
    if (!this.local)
      throw new Error('Tokens come from the identity provider (AUTH_JWKS_URL); none are minted here');
    return mintLocalToken(this.local, {
      ...request,
      audience: this.settings.audience,
      now: request.now ?? this.clock.now(),
    });
  }
}
