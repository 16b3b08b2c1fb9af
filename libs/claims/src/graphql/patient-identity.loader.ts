import type {
  OpenedIdentity,
  PatientKeyCache,
  PatientVaultPort,
  SealedIdentityRef,
} from '../application/patient-vault.port.js';

interface Pending {
  ref: SealedIdentityRef;
  resolve(identity: OpenedIdentity): void;
  reject(error: unknown): void;
}

/**
 * Gathers the identities one request opens while it resolves and opens them together: a 200-claim page is one key
 * look-up, not 200. Keys stay in the request's cache and go with it, so a patient forgotten meanwhile is never read
 * through a key another request kept.
 */
export class PatientIdentityLoader {
  private pending: Pending[] = [];
  private readonly keys: PatientKeyCache = new Map();

  constructor(private readonly vault: PatientVaultPort) {}

  load(ref: SealedIdentityRef): Promise<OpenedIdentity> {
    return new Promise((resolve, reject) => {
      // setImmediate, not a microtask: each field resolver passes through several awaits before it gets here.
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ ref, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const opened = await this.vault.open(
        batch.map((p) => p.ref),
        this.keys,
      );
      batch.forEach((p, i) => p.resolve(opened[i]!));
    } catch (error) {
      batch.forEach((p) => p.reject(error));
    }
  }
}

const loaders = new WeakMap<object, PatientIdentityLoader>();

/** The request's loader, keyed by its GraphQL context object, which lives exactly as long as the request. */
export function patientIdentityLoader(context: object, vault: PatientVaultPort): PatientIdentityLoader {
  let loader = loaders.get(context);
  if (!loader) loaders.set(context, (loader = new PatientIdentityLoader(vault)));
  return loader;
}
