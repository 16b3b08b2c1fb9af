import { CLAIM_EVENT_SCHEMA_VERSIONS, type ClaimEvent, type ClaimEventType } from './claim.events.js';

export interface StoredClaimEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** ClaimDenied v1 had no remark codes, at claim or line level, and could omit the line denials. */
export const claimDeniedV1toV2: Upcaster = (data) => {
  const lines = Array.isArray(data['lines']) ? (data['lines'] as Record<string, unknown>[]) : [];
  return {
    ...data,
    rarcs: Array.isArray(data['rarcs']) ? data['rarcs'] : [],
    lines: lines.map((line) => ({ ...line, rarcs: Array.isArray(line['rarcs']) ? line['rarcs'] : [] })),
  };
};

/** upcasters[type][v] turns version v of the event's data into version v + 1. */
const upcasters: Partial<Record<ClaimEventType, Record<number, Upcaster>>> = {
  ClaimDenied: { 1: claimDeniedV1toV2 },
};

export function isClaimEventType(type: string): type is ClaimEventType {
  return Object.hasOwn(CLAIM_EVENT_SCHEMA_VERSIONS, type);
}

/** The stored event as the current schema, or undefined for a type this code does not know. */
export function upcastClaimEvent(stored: StoredClaimEvent): ClaimEvent | undefined {
  if (!isClaimEventType(stored.type)) return undefined;
  const target = CLAIM_EVENT_SCHEMA_VERSIONS[stored.type];
  let data = stored.data as Record<string, unknown>;
  for (let version = stored.schemaVersion; version < target; version++) {
    const step = upcasters[stored.type]?.[version];
    if (!step) throw new Error(`No upcaster for ${stored.type} v${version}`);
    data = step(data);
  }
  return { type: stored.type, data } as ClaimEvent;
}
