import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { RESOLVED_DATABASE, type ResolvedDatabase } from '@claimtrail/database';
import { resolveMasterKey } from './master-key.js';
import { AddPatientMasterKeyIds1767100200000 } from './patient-key-ids.migration.js';
import { CreatePatientKeys1767100100000 } from './patient-keys.migration.js';
import { MasterKeyring } from './master-keyring.js';
import { PATIENT_MASTER_KEY, PatientVault } from './patient-vault.js';
import type { PatientsSettings } from './patients.config.js';
import { PatientsResolver } from './patients.resolver.js';

const SOURCES = {
  configured: 'from PATIENT_MASTER_KEY',
  'data-dir': "kept in the embedded database's data directory",
  ephemeral: 'generated for this process only: identities sealed now are unreadable after a restart',
} as const;

/** Patient identity: the vault that seals it per patient, and forgetting (crypto-shredding) under legal holds. */
@Module({})
export class PatientsModule {
  static readonly schema = {
    entities: [],
    migrations: [CreatePatientKeys1767100100000, AddPatientMasterKeyIds1767100200000],
  };

  /** database: the database module the keys live in. */
  static forRoot(settings: PatientsSettings, database: DynamicModule): DynamicModule {
    return {
      module: PatientsModule,
      imports: [database],
      providers: [
        {
          provide: PATIENT_MASTER_KEY,
          inject: [RESOLVED_DATABASE],
          useFactory: async (resolved: ResolvedDatabase) => {
            const { key, source } = await resolveMasterKey(settings, resolved);
            const logger = new Logger('PatientVault');
            const message = `Patient master key ${SOURCES[source]}`;
            if (source === 'ephemeral' && !resolved.embedded) logger.warn(message);
            else logger.log(message);
            const keyring = new MasterKeyring(key, settings.previousMasterKeys);
            if (settings.previousMasterKeys.length > 0)
              logger.log(
                `Patient master key ${keyring.currentId}; still accepting ${keyring.ids.slice(1).join(', ')}`,
              );
            return keyring;
          },
        },
        PatientVault,
        PatientsResolver,
      ],
      exports: [PatientVault, PATIENT_MASTER_KEY],
    };
  }
}
