import { CLAIM_EVENT_SCHEMA_VERSIONS, type ClaimEvent, type ClaimEventType } from './claim.events.js';
import type { ClaimState } from './claim.state.js';
import { STATEMENT_CYCLES } from './patient/patient.events.js';

export interface StoredClaimEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

type EventData = Record<string, unknown>;

/**
 * Turns version v of an event's data into v + 1. It gets the claim as it stood before the event, for facts a later
 * version carries that an earlier one left to the claim; undefined when the data cannot be read without a claim.
 */
export type Upcaster = (data: EventData, before: ClaimState) => EventData | undefined;

/** ClaimDenied v1 had no remark codes, at claim or line level, and could omit the line denials. */
export const claimDeniedV1toV2: Upcaster = (data) => {
  const lines = Array.isArray(data['lines']) ? (data['lines'] as EventData[]) : [];
  return {
    ...data,
    rarcs: Array.isArray(data['rarcs']) ? data['rarcs'] : [],
    lines: lines.map((line) => ({ ...line, rarcs: Array.isArray(line['rarcs']) ? line['rarcs'] : [] })),
  };
};

/**
 * ClaimDenied v2 named neither payer nor provider: they are the claim's, which no command changes after submission.
 * Without a claim there is nothing to take them from, and evolve would ignore the denial anyway.
 */
export const claimDeniedV2toV3: Upcaster = (data, before) =>
  before.status === 'NONE'
    ? undefined
    : { ...data, payerId: before.payerId, providerNpi: before.providerNpi };

/** PatientBilled v1 had no statement cycles: the statements before it on the claim tell which one it was. */
export const patientBilledV1toV2: Upcaster = (data, before) => {
  const sent = before.status === 'NONE' ? 0 : before.statements.length;
  return { ...data, cycle: STATEMENT_CYCLES[Math.min(sent, STATEMENT_CYCLES.length - 1)] };
};

/** upcasters[type][v] turns version v of the event's data into version v + 1. */
const upcasters: Partial<Record<ClaimEventType, Record<number, Upcaster>>> = {
  ClaimDenied: { 1: claimDeniedV1toV2, 2: claimDeniedV2toV3 },
  PatientBilled: { 1: patientBilledV1toV2 },
};

export function isClaimEventType(type: string): type is ClaimEventType {
  return Object.hasOwn(CLAIM_EVENT_SCHEMA_VERSIONS, type);
}

/**
 * The stored event as the current schema, read on the claim's state before it (what a fold has at hand); undefined
 * for a type this code does not know, or for an old version that cannot be read without a claim.
 */
export function upcastClaimEvent(stored: StoredClaimEvent, before: ClaimState): ClaimEvent | undefined {
  if (!isClaimEventType(stored.type)) return undefined;
  const target = CLAIM_EVENT_SCHEMA_VERSIONS[stored.type];
  let data: EventData | undefined = stored.data as EventData;
  for (let version = stored.schemaVersion; version < target; version++) {
    const step = upcasters[stored.type]?.[version];
    if (!step) throw new Error(`No upcaster for ${stored.type} v${version}`);
    data = step(data, before);
    if (!data) return undefined;
  }
  return { type: stored.type, data } as ClaimEvent;
}
