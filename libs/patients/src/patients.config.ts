import { defineConfig } from '@claimtrail/platform';
import { IsDefined, IsOptional, IsString, ValidateBy, ValidateIf } from 'class-validator';
import { parseMasterKey } from './patient-vault.crypto.js';

export interface PatientsSettings {
  /** Wraps every patient's data key; without one, see resolveMasterKey. */
  masterKey?: Buffer;
  /** Earlier master keys, still accepted to unwrap until `claimtrail patients rewrap-keys` has moved every key. */
  previousMasterKeys: Buffer[];
}

const previousKeys = (value: string) => value.split(',').map((part) => parseMasterKey(part));

class PatientsEnv {
  // Production must bring its own key: a generated one would live next to the data it protects, or nowhere.
  @ValidateIf((env: PatientsEnv) => env.NODE_ENV === 'production' || env.PATIENT_MASTER_KEY !== undefined)
  @IsDefined({ message: '$property is required when NODE_ENV=production (base64 of 32 random bytes)' })
  @ValidateBy({
    name: 'masterKey',
    validator: {
      validate: (value: unknown) =>
        value === undefined || (typeof value === 'string' && parseMasterKey(value) !== undefined),
      defaultMessage: () => '$property must be the base64 of 32 random bytes (openssl rand -base64 32)',
    },
  })
  PATIENT_MASTER_KEY?: string;

  @ValidateIf((env: PatientsEnv) => env.PATIENT_MASTER_KEY_PREVIOUS !== undefined)
  @IsDefined({ message: '$property needs PATIENT_MASTER_KEY: the key the previous ones are rotated to' })
  @ValidateBy({
    name: 'previousMasterKeys',
    validator: {
      validate: (value: unknown, args) =>
        (args?.object as PatientsEnv).PATIENT_MASTER_KEY !== undefined &&
        typeof value === 'string' &&
        previousKeys(value).every((key) => key !== undefined),
      defaultMessage: () =>
        '$property must be comma-separated base64 keys of 32 bytes each, set together with PATIENT_MASTER_KEY',
    },
  })
  PATIENT_MASTER_KEY_PREVIOUS?: string;

  @IsOptional()
  @IsString()
  NODE_ENV?: string;
}

/** PATIENT_MASTER_KEY: the key that wraps each patient's data key; PATIENT_MASTER_KEY_PREVIOUS: during a rotation. */
export const patientsConfig = defineConfig('patients', PatientsEnv, (env): PatientsSettings => ({
  masterKey: env.PATIENT_MASTER_KEY === undefined ? undefined : parseMasterKey(env.PATIENT_MASTER_KEY),
  previousMasterKeys:
    env.PATIENT_MASTER_KEY_PREVIOUS === undefined
      ? []
      : (previousKeys(env.PATIENT_MASTER_KEY_PREVIOUS) as Buffer[]),
}));
