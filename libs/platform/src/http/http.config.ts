import { isIP } from 'node:net';
import { IsOptional, Matches, ValidateIf } from 'class-validator';
import { defineConfig } from '../config/config-section.js';
import { EnvInteger } from '../config/env-rules.js';

const HOSTNAME =
  /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

class HttpEnv {
  @EnvInteger(0, 65_535)
  PORT?: number;

  @IsOptional()
  @ValidateIf((env: HttpEnv) => isIP(env.HOST ?? '') === 0)
  @Matches(HOSTNAME, { message: '$property must be an IP address or a host name, e.g. 127.0.0.1 or 0.0.0.0' })
  HOST?: string;

  @IsOptional()
  @Matches(/^\d+(kb|mb)$/, { message: '$property must be a size such as 512kb or 1mb' })
  REQUEST_BODY_LIMIT?: string;
}

export interface HttpSettings {
  port: number;
  /** Interface to listen on: loopback unless the deployment says otherwise. */
  host: string;
  bodyLimit: string;
}

export const httpConfig = defineConfig('http', HttpEnv, (env): HttpSettings => ({
  port: env.PORT ?? 3000,
  host: env.HOST ?? '127.0.0.1',
  bodyLimit: env.REQUEST_BODY_LIMIT ?? '512kb',
}));
