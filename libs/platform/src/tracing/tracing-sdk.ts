import { Logger } from '@nestjs/common';
import { context, propagation, trace } from '@opentelemetry/api';
import type { TracingSettings } from './tracing.config.js';

/** The started SDK; shutting it down exports what is still queued. */
export interface TracingSdk {
  shutdown(): Promise<void>;
}

async function otlpExporter(settings: TracingSettings) {
  if (settings.protocol === 'http/json') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter({ url: settings.endpoint });
  }
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter({ url: settings.endpoint });
}

/**
 * Starts OpenTelemetry's Node SDK with the OTLP trace exporter, registered as the process's global tracer provider,
 * context manager and W3C propagator. Loaded only when tracing is on, so that a process without it loads none of it.
 * The SDK's other variables (OTEL_EXPORTER_OTLP_HEADERS, OTEL_TRACES_SAMPLER, OTEL_BSP_*, ...) apply as it reads them.
 */
export async function startTracingSdk(settings: TracingSettings, serviceName: string): Promise<TracingSdk> {
  const [{ NodeSDK }, { envDetector, hostDetector }, traceExporter] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/resources'),
    otlpExporter(settings),
  ]);
  const sdk = new NodeSDK({
    serviceName,
    traceExporter,
    // Spans are made by hand at ClaimTrail's seams: instrumentations that patch pg or http would record SQL and URLs.
    instrumentations: [],
    // Not the process detector: it records the command line, and a CLI command line can name a claim.
    resourceDetectors: [envDetector, hostDetector],
    // Prometheus has the metrics and pino the logs; left unset, the SDK would push both over OTLP as well.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  new Logger('Tracing').log(
    `Exporting traces as ${serviceName} to ${new URL(settings.endpoint).host} (${settings.protocol})`,
  );
  return {
    async shutdown() {
      await sdk.shutdown();
      // Back to the no-op API, so that an application started later in this process (tests) can register its own.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
