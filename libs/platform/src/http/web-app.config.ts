import { IsOptional, Length, Matches } from 'class-validator';
import { defineConfig } from '../config/config-section.js';
import { EnvBoolean } from '../config/env-rules.js';

export interface WebAppSettings {
  /** Serve the dashboard page at /app. */
  enabled: boolean;
  /** The OpenID Connect client the page signs in with (authorization code + PKCE); unset: no production sign-in. */
  oidcClientId?: string;
  /** Scopes the page asks the provider for. */
  oidcScope: string;
  /** The built page (npm run build); unset: dist/apps/web of this installation. */
  dir?: string;
}

class WebAppEnv {
  @EnvBoolean()
  APP_ENABLED?: boolean;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:@-]{1,200}$/, { message: '$property must be an OpenID Connect client id' })
  APP_OIDC_CLIENT_ID?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:/-]+( [A-Za-z0-9_.:/-]+)*$/, {
    message: '$property must be space-separated scopes',
  })
  @Length(1, 500)
  APP_OIDC_SCOPE?: string;

  @IsOptional()
  @Length(1, 1000)
  APP_DIR?: string;
}

export const webAppConfig = defineConfig('webApp', WebAppEnv, (env): WebAppSettings => ({
  enabled: env.APP_ENABLED ?? true,
  oidcClientId: env.APP_OIDC_CLIENT_ID,
  oidcScope: env.APP_OIDC_SCOPE ?? 'openid',
  dir: env.APP_DIR,
}));
