import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CLAIMS_ENTITIES, CLAIMS_MIGRATIONS, CLAIMS_PROJECTIONS } from '@claimtrail/claims';
import { DatabaseModule, readDatabaseConfig } from '@claimtrail/database';
import { EVENT_STORE_MIGRATIONS, EventStoreModule, readEventStoreConfig } from '@claimtrail/event-store';
import { PROJECTION_MIGRATIONS, ProjectorModule } from '@claimtrail/projections';

const { settings, problems } = readDatabaseConfig(process.env);
const eventStore = readEventStoreConfig(process.env);
problems.push(...eventStore.problems);
if (!settings.url)
  problems.push({
    key: 'DATABASE_URL',
    message: 'is required: the embedded database belongs to the api process',
  });
if (problems.length > 0) {
  console.error(`Invalid configuration:\n${problems.map((p) => `  ${p.key} ${p.message}`).join('\n')}`);
  process.exit(1);
}

@Module({
  imports: [
    DatabaseModule.forRoot(settings, {
      entities: [...CLAIMS_ENTITIES],
      migrations: [...EVENT_STORE_MIGRATIONS, ...PROJECTION_MIGRATIONS, ...CLAIMS_MIGRATIONS],
    }),
    EventStoreModule.forRoot(eventStore.settings),
    ProjectorModule.forRoot([...CLAIMS_PROJECTIONS], { enabled: true }),
  ],
})
class ProjectorWorkerModule {}

const app = await NestFactory.createApplicationContext(ProjectorWorkerModule);
app.enableShutdownHooks();
new Logger('Projector').log('Projector worker started; stop it with SIGTERM');
