import { Module, type DynamicModule } from '@nestjs/common';
import {
  BACKUP_SOCKET_OPTIONS,
  BackupSocketServer,
  type BackupSocketOptions,
} from './backup-socket.server.js';

/** The backup socket of a process that owns an embedded data directory (the API, or a worker on its own). */
@Module({})
export class BackupModule {
  /** imports: the database and patients modules the backups read from. */
  static forRoot(options: BackupSocketOptions, imports: DynamicModule[]): DynamicModule {
    return {
      module: BackupModule,
      imports,
      providers: [{ provide: BACKUP_SOCKET_OPTIONS, useValue: options }, BackupSocketServer],
    };
  }
}
