import type { PayerRules } from '../claim.money.js';
import type { SealedValue } from '../claim.sealed.js';
import type { Timed } from '../claim.timed.js';
import type { ResubmissionFrequency, ServiceLine } from './submission.events.js';

export type NewServiceLine = Omit<ServiceLine, 'lineNumber'>;

export interface SubmitClaim extends Timed {
  type: 'SubmitClaim';
  claimId: string;
  patientRef: string;
  providerNpi: string;
  payerId: string;
  secondaryPayerId?: string;
  diagnoses: string[];
  lines: NewServiceLine[];
  /** The payer's rules, looked up by the handler. */
  payerRules: PayerRules;
  /** Name, birth date and member id, sealed by the handler with the patient's key. */
  patientIdentity?: SealedValue;
}

export interface AcknowledgeClaim extends Timed {
  type: 'AcknowledgeClaim';
  payerClaimNumber: string;
  statusCode: string;
}

export interface RejectClaim extends Timed {
  type: 'RejectClaim';
  statusCode: string;
  reason: string;
}

export interface ResubmitClaim extends Timed {
  type: 'ResubmitClaim';
  frequencyCode: ResubmissionFrequency;
  reason: string;
  diagnoses?: string[];
  lines?: NewServiceLine[];
}

export interface PendClaim extends Timed {
  type: 'PendClaim';
  statusCode: string;
  requested: string;
  infoDueDate: string;
}

export interface SubmitAdditionalInfo extends Timed {
  type: 'SubmitAdditionalInfo';
  description: string;
}

export type SubmissionCommand =
  SubmitClaim | AcknowledgeClaim | RejectClaim | ResubmitClaim | PendClaim | SubmitAdditionalInfo;
