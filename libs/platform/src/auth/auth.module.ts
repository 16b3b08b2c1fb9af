import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AuthSettings } from './auth.config.js';
import { AUTH_SETTINGS, Authenticator } from './authenticator.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { RolesGuard } from './roles.guard.js';

/**
 * Authentication and authorization for the API: the authenticator, then two global guards in this order, the rate
 * limits and the roles every operation declares.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: AUTH_SETTINGS, useValue: settings },
        Authenticator,
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
      exports: [Authenticator, AUTH_SETTINGS],
    };
  }
}
