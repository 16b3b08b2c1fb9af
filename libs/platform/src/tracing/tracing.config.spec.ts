import { ConfigError, loadConfig, type Env } from '../config/config-section.js';
import { tracingConfig } from './tracing.config.js';

const tracing = (env: Env) => loadConfig(env, { tracing: tracingConfig }).tracing;

function problemKeys(env: Env): string[] {
  try {
    tracing(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((problem) => problem.key).sort();
  }
}

describe('tracing settings', () => {
  it('are off without an OTLP endpoint or exporter, whatever else is set', () => {
    expect(tracing({})).toEqual({
      enabled: false,
      endpoint: 'http://localhost:4318/v1/traces',
      protocol: 'http/protobuf',
      serviceName: undefined,
    });
    expect(tracing({ OTEL_SERVICE_NAME: 'ar-api', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).enabled).toBe(
      false,
    );
  });

  it('are on with an endpoint, posting to its /v1/traces', () => {
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toMatchObject({
      enabled: true,
      endpoint: 'http://collector:4318/v1/traces',
    });
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.org/base/' }).endpoint).toBe(
      'https://otel.example.org/base/v1/traces',
    );
  });

  it('post to a traces endpoint as given, ahead of the base endpoint', () => {
    expect(
      tracing({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces.internal:9999/ingest',
      }),
    ).toMatchObject({ enabled: true, endpoint: 'http://traces.internal:9999/ingest' });
  });

  it("are on with OTEL_TRACES_EXPORTER=otlp alone, to the collector's default address", () => {
    expect(tracing({ OTEL_TRACES_EXPORTER: 'otlp' })).toMatchObject({
      enabled: true,
      endpoint: 'http://localhost:4318/v1/traces',
    });
  });

  it('are off with OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true, even with an endpoint', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracing({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).enabled).toBe(false);
    expect(tracing({ ...endpoint, OTEL_SDK_DISABLED: 'true' }).enabled).toBe(false);
    expect(tracing({ ...endpoint, OTEL_SDK_DISABLED: 'false' }).enabled).toBe(true);
  });

  it('take the traces protocol ahead of the general one, and the service name', () => {
    expect(
      tracing({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
        OTEL_SERVICE_NAME: 'claimtrail-api-eu',
      }),
    ).toMatchObject({ protocol: 'http/json', serviceName: 'claimtrail-api-eu' });
  });

  it('refuse what ClaimTrail cannot export, naming each key and no value', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://collector',
      OTEL_TRACES_EXPORTER: 'zipkin',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'thrift',
      OTEL_SERVICE_NAME: 'claim trail',
      OTEL_SDK_DISABLED: 'maybe',
    };
    expect(problemKeys(env)).toEqual(Object.keys(env).sort());
    expect(() => tracing(env)).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL must be one of http\/protobuf, http\/json/,
    );
    expect(() => tracing(env)).not.toThrow(/zipkin|thrift|claim trail|collector/);
  });
});
