import { Kind, type GraphQLResolveInfo } from 'graphql';

/** One read of patient data: which claim (null for reads across claims), through which operation, which fields. */
export interface PhiRead {
  claimId: string | null;
  /** The GraphQL root field (claim, claims, claimHistory, ...) or the CLI command (history, replay, export). */
  operation: string;
  fields: readonly string[];
}

/** Who read, and how: the same for every read of one request, subscription or command. */
export interface AccessContext {
  actor: string;
  channel: 'graphql' | 'graphql-ws' | 'cli';
  /** The operation name the client gave, if any. */
  operationName?: string;
  requestId?: string;
}

/** Keys of event data that identify the patient or carry their health information. */
export const PHI_EVENT_KEYS = ['patientRef', 'diagnoses', 'patientIdentity'] as const;

/** The PHI keys an event's data holds; empty for an event that carries none. */
export function phiFieldsOf(data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return [];
  return PHI_EVENT_KEYS.filter((key) => (data as Record<string, unknown>)[key] !== undefined);
}

/** The event's data without its PHI keys (the same object when it has none). */
export function withoutPhi(data: unknown): unknown {
  if (phiFieldsOf(data).length === 0) return data;
  const kept = { ...(data as Record<string, unknown>) };
  for (const key of PHI_EVENT_KEYS) delete kept[key];
  return kept;
}

/**
 * The reads of one GraphQL request, gathered while it resolves and written once when it answers; keyed by the
 * request's context object, which lives exactly as long as the request.
 */
const readsByContext = new WeakMap<object, Map<string, { read: PhiRead; fields: Set<string> }>>();

export function notePhiRead(context: object, read: PhiRead): void {
  let reads = readsByContext.get(context);
  if (!reads) readsByContext.set(context, (reads = new Map()));
  const key = `${read.operation}\u0000${read.claimId ?? ''}`;
  const noted = reads.get(key);
  if (noted) read.fields.forEach((field) => noted.fields.add(field));
  else reads.set(key, { read, fields: new Set(read.fields) });
}

/** The request's reads, one per (operation, claim) with every field read, and forgets them. */
export function takePhiReads(context: object): PhiRead[] {
  const reads = readsByContext.get(context);
  readsByContext.delete(context);
  return [...(reads?.values() ?? [])].map(({ read, fields }) => ({ ...read, fields: [...fields] }));
}

/** The root field a resolver runs under: its schema name, not the alias the client chose. */
export function rootFieldOf(info: GraphQLResolveInfo): string {
  let path = info.path;
  while (path.prev) path = path.prev;
  const key = String(path.key);
  for (const selection of info.operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD && (selection.alias?.value ?? selection.name.value) === key)
      return selection.name.value;
  }
  return info.parentType.name === info.schema.getQueryType()?.name ? info.fieldName : key;
}
