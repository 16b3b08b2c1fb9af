export { AuditModule } from './audit.module.js';
export { PhiAccessLog, PhiStreamRecorder, type PhiAccessRecord } from './phi-access-log.service.js';
export { phiField } from './phi-field.middleware.js';
export {
  notePhiRead,
  phiFieldsOf,
  rootFieldOf,
  PHI_EVENT_KEYS,
  type AccessContext,
  type PhiRead,
} from './phi-reads.js';
