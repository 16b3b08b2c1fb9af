export { PatientsModule } from './patients.module.js';
export {
  PatientVault,
  PATIENT_MASTER_KEY,
  type PatientKeyStatus,
  type PatientKeyAction,
  type MasterKeyCensus,
} from './patient-vault.js';
export { MasterKeyring, masterKeyId, UnknownMasterKeyError } from './master-keyring.js';
export { patientsConfig, type PatientsSettings } from './patients.config.js';
export { patientErrorMapping } from './patient-errors.mapping.js';
export { PatientError, type PatientErrorCode } from './patient.errors.js';
export {
  resolveMasterKey,
  readMasterKeyFile,
  checkMasterKey,
  MASTER_KEY_FILE,
  MasterKeyFileError,
  type MasterKeySource,
} from './master-key.js';
