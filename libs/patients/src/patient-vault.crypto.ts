// AES-256-GCM, twice: the patient's data key seals identities, the master key wraps data keys. Each use binds the
// patientRef (and what the bytes are for) as additional authenticated data, so a ciphertext or a wrapped key moved
// to another patient, or from one role to the other, fails to open rather than opening as someone else.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedValue } from '@claimtrail/claims';

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

const identityAad = (patientRef: string) => Buffer.from(`claimtrail/patient-identity/v1/${patientRef}`);
const keyAad = (patientRef: string) => Buffer.from(`claimtrail/patient-key/v1/${patientRef}`);

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

function encrypt(key: Buffer, aad: Buffer, plaintext: Buffer): { iv: Buffer; tag: Buffer; data: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), data };
}

/** Throws when the key, the AAD or any byte is not what sealed it. */
function decrypt(key: Buffer, aad: Buffer, iv: Buffer, tag: Buffer, data: Buffer): Buffer {
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('Malformed ciphertext');
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

/** A value sealed for one patient with their data key, as the claim's events carry it. */
export function sealValue(dataKey: Buffer, patientRef: string, plaintext: string): SealedValue {
  const { iv, tag, data } = encrypt(dataKey, identityAad(patientRef), Buffer.from(plaintext, 'utf8'));
  return { v: 1, iv: iv.toString('base64'), tag: tag.toString('base64'), data: data.toString('base64') };
}

export function openValue(dataKey: Buffer, patientRef: string, sealed: SealedValue): string {
  if (sealed.v !== 1) throw new Error('Unknown sealed value version');
  const bytes = (value: string) => Buffer.from(value, 'base64');
  return decrypt(
    dataKey,
    identityAad(patientRef),
    bytes(sealed.iv),
    bytes(sealed.tag),
    bytes(sealed.data),
  ).toString('utf8');
}

/** The data key encrypted under the master key, as stored: IV, tag, then the 32 encrypted bytes. */
export function wrapKey(masterKey: Buffer, patientRef: string, dataKey: Buffer): Buffer {
  const { iv, tag, data } = encrypt(masterKey, keyAad(patientRef), dataKey);
  return Buffer.concat([iv, tag, data]);
}

export function unwrapKey(masterKey: Buffer, patientRef: string, wrapped: Buffer): Buffer {
  if (wrapped.length !== IV_BYTES + TAG_BYTES + KEY_BYTES) throw new Error('Malformed wrapped key');
  return decrypt(
    masterKey,
    keyAad(patientRef),
    wrapped.subarray(0, IV_BYTES),
    wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
    wrapped.subarray(IV_BYTES + TAG_BYTES),
  );
}

/** A master key as configured: standard base64 of exactly 32 bytes. */
export function parseMasterKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === KEY_BYTES ? key : undefined;
}
