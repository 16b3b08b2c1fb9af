export type {
  Cas,
  Parse835Result,
  ProviderAdjustment,
  Remittance,
  RemittanceClaim,
  RemittancePatient,
  RemittanceLine,
} from './x12/remittance.types.js';
export type {
  Acknowledgement,
  ClaimStatus,
  ClaimStatusLine,
  ClaimStatusReport,
  Parse277Result,
} from './x12/claim-acknowledgement.types.js';
export type { X12Problem } from './x12/x12-problem.js';
export { parse835 } from './x12/parse-835.js';
export { parse277ca } from './x12/parse-277ca.js';
export { RemittancesModule, type RemittancesModuleOptions } from './remittances.module.js';
export { REMITTANCES_READ_MODELS } from './read-models/index.js';
export { Import835Service } from './posting/import-835.service.js';
export { Import277caService } from './posting/import-277ca.service.js';
export type { ImportFormat, ImportObserver } from './posting/import-observer.port.js';
export type { ImportCounts, ImportReport, ImportOptions } from './posting/import-report.js';
export { remittanceStreamName, type RemittanceImported } from './posting/remittance.events.js';
