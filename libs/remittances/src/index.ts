export type {
  Cas,
  Parse835Result,
  ProviderAdjustment,
  Remittance,
  RemittanceClaim,
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
