import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule, recordPhiFields } from '@claimtrail/audit';
import { ConfigModule } from '@nestjs/config';
import {
  CLAIMS_READ_MODELS,
  claimErrorMapping,
  ClaimsModule,
  observeCommands,
  type CommandObserver,
} from '@claimtrail/claims';
import { DatabaseModule, type SchemaParts } from '@claimtrail/database';
import {
  EventStoreModule,
  eventStoreErrorMapping,
  observeAppends,
  type AppendObserver,
} from '@claimtrail/event-store';
import { PatientsModule, PatientVault, patientErrorMapping } from '@claimtrail/patients';
import { payerErrorMapping, PayerRulesRepository, PayersModule } from '@claimtrail/payers';
import {
  AuthModule,
  configNamespaces,
  graphqlServerModule,
  loggerModuleParams,
  MetricsModule,
  PlatformModule,
  TracingModule,
  type Clock,
  type ErrorMapping,
} from '@claimtrail/platform';
import { ProjectorModule, projectionErrorMapping, type ReadModel } from '@claimtrail/projections';
import { REMITTANCES_READ_MODELS, RemittancesModule } from '@claimtrail/remittances';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { BackupModule } from './backup/backup.module.js';
import type { ClaimTrailConfig } from './claimtrail.config.js';
import { HealthModule } from './health/health.module.js';
import { createApiMetrics } from './metrics/api.metrics.js';
import { ProjectionMetrics } from './metrics/projection.metrics.js';
import { ReadModelsModule } from './read-models.module.js';
import { createTracingObservers } from './tracing/tracing.observers.js';

/** Every read model, in one list: adding one is its folder and a line here (or in its feature's list). */
export const READ_MODELS: readonly ReadModel[] = [...CLAIMS_READ_MODELS, ...REMITTANCES_READ_MODELS];

/** How each library's errors reach a client; the README's table of codes is generated from the same list. */
export const ERROR_MAPPINGS: readonly ErrorMapping[] = [
  claimErrorMapping,
  payerErrorMapping,
  patientErrorMapping,
  eventStoreErrorMapping,
  projectionErrorMapping,
];

/** Libraries that own tables besides the read models. */
const SCHEMAS = [
  EventStoreModule.schema,
  ProjectorModule.schema,
  PayersModule.schema,
  AuditModule.schema,
  PatientsModule.schema,
];

/** Every table's entities and migrations: the libraries' and the read models'. */
export function claimTrailSchema(readModels: readonly ReadModel[] = READ_MODELS): SchemaParts {
  return {
    entities: [...SCHEMAS, ...readModels].flatMap((part) => [...(part.entities as never[])]),
    migrations: [...SCHEMAS, ...readModels].flatMap((part) => [...(part.migrations as never[])]),
  };
}

export type ClaimTrailRole = 'api' | 'worker' | 'cli';

/** What each program calls itself in traces unless OTEL_SERVICE_NAME says otherwise. */
const SERVICE_NAMES: Record<ClaimTrailRole, string> = {
  api: 'claimtrail-api',
  worker: 'claimtrail-projector',
  cli: 'claimtrail-cli',
};

/** The observers that are on, as one (traces outermost, so that a span covers all of its work), or none. */
function combined<O>(observers: (O | undefined)[], combine: (...observers: O[]) => O): O | undefined {
  const on = observers.filter((observer) => observer !== undefined);
  return on.length <= 1 ? on[0] : combine(...on);
}

export interface ClaimTrailOptions {
  /** api: GraphQL over HTTP, projections in process unless configured off; worker: projections only; cli: neither. */
  role: ClaimTrailRole;
  /** The process's logger (createRootLogger). */
  logger: Logger;
  /** The read models to project and serve; READ_MODELS unless a test adds its own. */
  readModels?: readonly ReadModel[];
  /** The system clock unless a test fixes the time. */
  clock?: Clock;
}

/**
 * The one composition root of the API, the projector worker and the CLI: the database with every library's
 * migrations, the event store, the projections of every read model, payers, claims, and (for the API) GraphQL and
 * health. Each infrastructure module is created once here and handed to the modules that use it.
 */
@Module({})
export class ClaimTrailModule {
  static forRoot(config: ClaimTrailConfig, options: ClaimTrailOptions): DynamicModule {
    const readModels = options.readModels ?? READ_MODELS;
    const metrics = options.role === 'api' && config.metrics.enabled ? createApiMetrics() : undefined;
    const tracing = config.tracing.enabled ? createTracingObservers() : undefined;
    const database = DatabaseModule.forRoot(config.database, claimTrailSchema(readModels));
    const eventStore = EventStoreModule.forRoot(
      config.eventStore,
      database,
      combined<AppendObserver>([tracing?.appends, metrics?.appends], observeAppends),
    );
    const projector = ProjectorModule.forRoot({
      readModels,
      settings: {
        ...config.projector,
        inProcess: options.role === 'worker' || (options.role === 'api' && config.projector.inProcess),
        leased: options.role === 'worker',
      },
      imports: [database, eventStore],
      batchObserver: tracing?.batches,
    });
    const payers = PayersModule.forRoot(database, eventStore);
    const audit = AuditModule.forRoot(database);
    const patients = PatientsModule.forRoot(config.patients, database);
    const claims = ClaimsModule.forRoot({
      imports: [eventStore, audit],
      payerRules: { module: payers, provider: PayerRulesRepository },
      patientVault: { module: patients, provider: PatientVault },
      commandObserver: combined<CommandObserver>([tracing?.commands, metrics?.commands], observeCommands),
    });
    const auth = AuthModule.forRoot(config.auth);
    const api =
      options.role === 'api'
        ? [
            auth,
            graphqlServerModule(config.graphql, ERROR_MAPPINGS, [recordPhiFields], auth, {
              metrics: metrics?.graphql,
              tracing: config.tracing.enabled,
            }),
            HealthModule.forRoot(config.health, [database, eventStore, projector]),
            ...(metrics
              ? [
                  MetricsModule.forRoot({
                    registry: metrics.registry,
                    collectors: [ProjectionMetrics],
                    imports: [projector, database],
                  }),
                ]
              : []),
          ]
        : [];
    return {
      module: ClaimTrailModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configNamespaces(config) }),
        ...(config.tracing.enabled
          ? [TracingModule.forRoot(config.tracing, config.tracing.serviceName ?? SERVICE_NAMES[options.role])]
          : []),
        LoggerModule.forRoot(loggerModuleParams(options.logger)),
        PlatformModule.forRoot(
          { readYourWritesTimeoutMs: config.readYourWrites.timeoutMs, clock: options.clock },
          [projector],
        ),
        database,
        eventStore,
        projector,
        payers,
        audit,
        patients,
        claims,
        RemittancesModule.forRoot({ imports: [claims, eventStore], importObserver: metrics?.imports }),
        ReadModelsModule.forRoot(readModels, [database, projector, claims]),
        // The process that owns an embedded data directory takes the backups of it; the CLI opens it itself.
        ...(options.role === 'cli'
          ? []
          : [
              BackupModule.forRoot({ masterKeyConfigured: config.patients.masterKey !== undefined }, [
                database,
                patients,
              ]),
            ]),
        ...api,
      ],
      exports: [database, eventStore, projector, audit, RemittancesModule],
    };
  }
}
