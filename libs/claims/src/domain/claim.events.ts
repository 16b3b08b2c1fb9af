export interface ServiceLine {
  lineNumber: number;
  procedureCode: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  /** 1-based pointers into the claim's diagnoses, primary first. */
  diagnosisPointers: number[];
  serviceDate: string;
}

export interface ClaimSubmitted {
  type: 'ClaimSubmitted';
  data: {
    claimId: string;
    patientRef: string;
    providerNpi: string;
    payerId: string;
    serviceDateFrom: string;
    serviceDateTo: string;
    diagnoses: string[];
    lines: ServiceLine[];
    totalChargeCents: number;
    submittedAt: string;
  };
}

export type ClaimEvent = ClaimSubmitted;
export type ClaimEventType = ClaimEvent['type'];

/** The schema version written for each event type today; older versions are upcast on read. */
export const CLAIM_EVENT_SCHEMA_VERSIONS: Record<ClaimEventType, number> = {
  ClaimSubmitted: 1,
};

export const CLAIM_EVENT_TYPES = Object.keys(CLAIM_EVENT_SCHEMA_VERSIONS) as ClaimEventType[];
