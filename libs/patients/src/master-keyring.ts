import { createHash } from 'node:crypto';
import { unwrapKey, wrapKey } from './patient-vault.crypto.js';

/** A stored key names the master key that wrapped it, by a fingerprint that reveals nothing of the key. */
export function masterKeyId(masterKey: Buffer): string {
  return createHash('sha256')
    .update('claimtrail/patient-master-key-id/v1/')
    .update(masterKey)
    .digest('hex')
    .slice(0, 16);
}

export class UnknownMasterKeyError extends Error {
  constructor(keyId: string) {
    super(
      `A patient key is wrapped by master key ${keyId}, which is neither PATIENT_MASTER_KEY nor in ` +
        'PATIENT_MASTER_KEY_PREVIOUS; add that key to PATIENT_MASTER_KEY_PREVIOUS (docs/operations.md, "Rotating the master key")',
    );
    this.name = 'UnknownMasterKeyError';
  }
}

/**
 * The master key new patient keys are wrapped with, and the earlier ones still accepted while a rotation rewraps
 * what they wrapped (`claimtrail patients rewrap-keys`).
 */
export class MasterKeyring {
  readonly currentId: string;
  private readonly byId: Map<string, Buffer>;

  constructor(
    readonly current: Buffer,
    previous: readonly Buffer[] = [],
  ) {
    this.currentId = masterKeyId(current);
    this.byId = new Map([current, ...previous].map((key) => [masterKeyId(key), key]));
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  wrap(patientRef: string, dataKey: Buffer): Buffer {
    return wrapKey(this.current, patientRef, dataKey);
  }

  /** keyId null: a key stored before keys were named, tried under each master key in turn. */
  unwrap(patientRef: string, wrapped: Buffer, keyId: string | null): Buffer {
    if (keyId !== null) {
      const key = this.byId.get(keyId);
      if (!key) throw new UnknownMasterKeyError(keyId);
      return unwrapKey(key, patientRef, wrapped);
    }
    let failure: unknown;
    for (const key of this.byId.values()) {
      try {
        return unwrapKey(key, patientRef, wrapped);
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  }
}
