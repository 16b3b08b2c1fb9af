// Patient identity reaches the claim only sealed: the patient's own key (held outside the event store) encrypts it,
// so destroying that key forgets the patient without rewriting a single event. The claim checks the shape, never
// the content.

/** An AES-256-GCM ciphertext: format version, 12-byte IV, 16-byte tag and the ciphertext, each base64. */
export interface SealedValue {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** An identity (names, birth date, member id) seals to a few hundred bytes; anything far larger is not one. */
const MAX_SEALED_DATA_LENGTH = 4096;

const base64Of = (value: unknown, length?: number): boolean =>
  typeof value === 'string' &&
  value.length % 4 === 0 &&
  BASE64.test(value) &&
  (length === undefined || value.length === length);

/** Whether value has the sealed shape, and nothing else: a plaintext object never passes. */
export function isSealedValue(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { v, iv, tag, data, ...rest } = value as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    v === 1 &&
    base64Of(iv, 16) &&
    base64Of(tag, 24) &&
    base64Of(data) &&
    (data as string).length <= MAX_SEALED_DATA_LENGTH
  );
}
