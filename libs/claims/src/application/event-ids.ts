import { createHash, randomUUID } from 'node:crypto';

/**
 * Event ids derived from the command id (name-based, RFC 4122 version 5 layout), so that a retried command appends
 * the very same ids and the store recognises it.
 */
export function eventIdFor(commandId: string, index: number): string {
  const hash = createHash('sha1').update(`claimtrail:${commandId}:${index}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const newCommandId = (): string => randomUUID();

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

/** A stable fingerprint of a command's content: the same content in any key order gives the same value. */
export function commandHash(content: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(content)))
    .digest('base64url')
    .slice(0, 22);
}
