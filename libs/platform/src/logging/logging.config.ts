import { IsIn, IsOptional } from 'class-validator';
import { defineConfig } from '../config/config-section.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

class LoggingEnv {
  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `$property must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;
}

export interface LoggingSettings {
  level: LogLevel;
}

export const loggingConfig = defineConfig('logging', LoggingEnv, (env): LoggingSettings => ({
  level: env.LOG_LEVEL ?? 'info',
}));
