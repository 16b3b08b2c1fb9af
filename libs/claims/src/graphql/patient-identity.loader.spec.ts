import type { PatientVaultPort, SealedIdentityRef } from '../application/patient-vault.port.js';
import { sealedIdentity } from '../testing/index.js';
import { patientIdentityLoader } from './patient-identity.loader.js';

/** Opens each identity as its own patientRef, counting calls and the key caches it was given. */
function countingVault() {
  const calls: { refs: string[]; cache: unknown }[] = [];
  const vault: PatientVaultPort = {
    seal: async () => sealedIdentity(),
    sealMany: async () => [],
    open: async (items: readonly SealedIdentityRef[], cache) => {
      calls.push({ refs: items.map((i) => i.patientRef), cache });
      return items.map((i) =>
        i.patientRef.endsWith('-forgotten')
          ? { redacted: true as const }
          : { lastName: i.patientRef, firstName: 'F', birthDate: '1980-01-01', memberId: 'M' },
      );
    },
  };
  return { vault, calls };
}

/** Stands for a field resolver that passes through a few awaits (guards, pipes) before it asks the loader. */
const afterAwaits = async <T>(work: () => Promise<T>): Promise<T> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return work();
};

describe("a request's patient identity loader", () => {
  it('opens a 200-claim page with one call to the vault, each claim getting its own identity', async () => {
    const { vault, calls } = countingVault();
    const context = {};
    const opened = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        afterAwaits(() =>
          patientIdentityLoader(context, vault).load({ patientRef: `PT-${i}`, sealed: sealedIdentity() }),
        ),
      ),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]!.refs).toHaveLength(200);
    expect(opened[7]).toMatchObject({ lastName: 'PT-7' });
  });

  it("keeps one key cache per request and none across requests (a forgotten patient's key is never reused)", async () => {
    const { vault, calls } = countingVault();
    const [a, b] = [{}, {}];
    await patientIdentityLoader(a, vault).load({ patientRef: 'PT-1', sealed: sealedIdentity() });
    await patientIdentityLoader(a, vault).load({ patientRef: 'PT-2', sealed: sealedIdentity() });
    await patientIdentityLoader(b, vault).load({ patientRef: 'PT-1', sealed: sealedIdentity() });
    expect(calls[0]!.cache).toBe(calls[1]!.cache);
    expect(calls[2]!.cache).not.toBe(calls[0]!.cache);
  });

  it('hands every waiting claim the failure when the vault fails', async () => {
    const vault: PatientVaultPort = {
      seal: async () => sealedIdentity(),
      sealMany: async () => [],
      open: async () => {
        throw new Error('authentication failed');
      },
    };
    const loader = patientIdentityLoader({}, vault);
    const loads = [1, 2].map((i) => loader.load({ patientRef: `PT-${i}`, sealed: sealedIdentity() }));
    for (const load of loads) await expect(load).rejects.toThrow('authentication failed');
  });
});
