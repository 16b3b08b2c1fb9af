import type { IdentityToSeal, PatientIdentity, PatientVaultPort } from '../application/patient-vault.port.js';
import type { SealedValue } from '../domain/index.js';
import { sealedIdentity } from './submission.builders.js';

/**
 * A vault that seals by recording what it was given and handing back a fixed envelope; patients listed as forgotten
 * are refused (one at a time) or get null (many at once), as the real vault does. What sealing means is its own spec.
 */
export class RecordingVault implements PatientVaultPort {
  readonly sealed: IdentityToSeal[] = [];
  /** How many times the vault was asked, whatever the batch size. */
  calls = 0;

  constructor(
    private readonly forgotten: ReadonlySet<string> = new Set(),
    readonly envelope: SealedValue = sealedIdentity(),
  ) {}

  async seal(patientRef: string, identity: PatientIdentity): Promise<SealedValue> {
    this.calls++;
    if (this.forgotten.has(patientRef)) throw new Error('PATIENT_FORGOTTEN');
    this.sealed.push({ patientRef, identity });
    return this.envelope;
  }

  async sealMany(items: readonly IdentityToSeal[]): Promise<(SealedValue | null)[]> {
    this.calls++;
    return items.map((item) => {
      if (this.forgotten.has(item.patientRef)) return null;
      this.sealed.push(item);
      return this.envelope;
    });
  }

  async open(): Promise<never[]> {
    return [];
  }
}
