export { AuditModule } from './audit.module.js';
export { PhiAccessLog, PhiStreamRecorder, type PhiAccessRecord } from './phi-access-log.service.js';
export { PHI_FIELD, recordPhiFields } from './phi-fields.js';
export {
  notePhiRead,
  phiFieldsOf,
  rootFieldOf,
  PHI_EVENT_KEYS,
  withoutPhi,
  type AccessContext,
  type PhiRead,
} from './phi-reads.js';
