import { IsIn, IsOptional, IsUrl, Matches } from 'class-validator';
import { defineConfig } from '../config/config-section.js';
import { EnvBoolean } from '../config/env-rules.js';

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** Where an OpenTelemetry collector takes OTLP over HTTP when nothing else is said. */
const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

const endpointRule = () =>
  IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: '$property must be an http(s) URL' },
  );
const protocolRule = () =>
  IsIn(OTLP_PROTOCOLS, { message: `$property must be one of ${OTLP_PROTOCOLS.join(', ')}` });

/** The OpenTelemetry SDK's standard variables, as far as ClaimTrail reads them; the SDK reads the rest itself. */
class TracingEnv {
  @IsOptional()
  @endpointRule()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsOptional()
  @endpointRule()
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  @IsOptional()
  @IsIn(['otlp', 'none'], { message: '$property must be otlp or none' })
  OTEL_TRACES_EXPORTER?: string;

  @IsOptional()
  @protocolRule()
  OTEL_EXPORTER_OTLP_PROTOCOL?: OtlpProtocol;

  @IsOptional()
  @protocolRule()
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?: OtlpProtocol;

  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, {
    message: '$property must be 1-100 letters, digits or . _ -',
  })
  OTEL_SERVICE_NAME?: string;

  @EnvBoolean()
  OTEL_SDK_DISABLED?: boolean;
}

export interface TracingSettings {
  /** Export spans over OTLP: no SDK is started otherwise. */
  enabled: boolean;
  /** The URL spans are posted to. */
  endpoint: string;
  protocol: OtlpProtocol;
  /** OTEL_SERVICE_NAME; without it each program names itself (claimtrail-api, claimtrail-projector, claimtrail-cli). */
  serviceName?: string;
}

/** The signal path the OTLP specification appends to the base endpoint (but not to a traces endpoint). */
function tracesUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * Traces are off unless an OTLP endpoint is set or OTEL_TRACES_EXPORTER=otlp asks for the collector's default one;
 * OTEL_TRACES_EXPORTER=none and OTEL_SDK_DISABLED=true turn them off whatever else is set.
 */
export const tracingConfig = defineConfig('tracing', TracingEnv, (env): TracingSettings => {
  const asked =
    env.OTEL_TRACES_EXPORTER === 'otlp' ||
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined ||
    env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined;
  return {
    enabled: asked && env.OTEL_TRACES_EXPORTER !== 'none' && env.OTEL_SDK_DISABLED !== true,
    endpoint:
      env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
      tracesUrl(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? DEFAULT_OTLP_ENDPOINT),
    protocol: env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
    serviceName: env.OTEL_SERVICE_NAME,
  };
});
