import { IsOptional, IsUrl, Length, Matches, ValidateIf } from 'class-validator';
import { defineConfig } from '../config/config-section.js';
import { EnvInteger } from '../config/env-rules.js';

export interface AuthSettings {
  /** An OpenID Connect provider's JWKS: tokens are verified against its keys. Required in production. */
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** The token claim that lists the caller's roles (an array, or a space-separated string). */
  rolesClaim: string;
  /** Without a JWKS: the local signing key's file ('memory' keeps an ephemeral key in the process). */
  localKeyFile: string;
  production: boolean;
  rateLimit: { windowSeconds: number; perToken: number; perIp: number };
}

export const LOCAL_ISSUER = 'claimtrail-local';
export const DEFAULT_LOCAL_KEY_FILE = '.claimtrail/local-signing-key.json';

class AuthEnv {
  // In production a JWKS is required: a development key there would let whoever holds the file mint any role.
  @ValidateIf((env: AuthEnv) => env.NODE_ENV === 'production' || env.AUTH_JWKS_URL !== undefined)
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: '$property must be an http(s) URL (and is required in production: NODE_ENV=production)' },
  )
  AUTH_JWKS_URL?: string;

  @ValidateIf((env: AuthEnv) => env.AUTH_JWKS_URL !== undefined)
  @Length(1, 500, {
    message:
      '$property must be set with AUTH_JWKS_URL (1-500 characters): tokens from any other issuer are refused',
  })
  AUTH_ISSUER?: string;

  @IsOptional()
  @Length(1, 500)
  AUTH_AUDIENCE?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:/-]{1,200}$/, { message: '$property must name a token claim' })
  AUTH_ROLES_CLAIM?: string;

  @IsOptional()
  @Length(1, 1000)
  AUTH_LOCAL_KEY_FILE?: string;

  @EnvInteger(1, 3600)
  RATE_LIMIT_WINDOW_SECONDS?: number;

  @EnvInteger(1, 10_000_000)
  RATE_LIMIT_PER_TOKEN?: number;

  @EnvInteger(1, 10_000_000)
  RATE_LIMIT_PER_IP?: number;

  @IsOptional()
  NODE_ENV?: string;
}

/**
 * Bearer tokens from an OpenID Connect provider (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE); without one, a signing
 * key of this installation's own for development, refused in production.
 */
export const authConfig = defineConfig('auth', AuthEnv, (env): AuthSettings => ({
  jwksUrl: env.AUTH_JWKS_URL,
  issuer: env.AUTH_JWKS_URL ? env.AUTH_ISSUER! : LOCAL_ISSUER,
  audience: env.AUTH_AUDIENCE ?? 'claimtrail',
  rolesClaim: env.AUTH_ROLES_CLAIM ?? 'roles',
  localKeyFile: env.AUTH_LOCAL_KEY_FILE ?? DEFAULT_LOCAL_KEY_FILE,
  production: env.NODE_ENV === 'production',
  rateLimit: {
    windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS ?? 60,
    perToken: env.RATE_LIMIT_PER_TOKEN ?? 6_000,
    perIp: env.RATE_LIMIT_PER_IP ?? 12_000,
  },
}));
