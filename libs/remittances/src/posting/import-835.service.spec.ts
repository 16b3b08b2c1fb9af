import {
  ClaimCommandExecutor,
  claimStreamName,
  fold,
  type CommandBody,
  type SubmitClaim,
} from '@claimtrail/claims';
import { RecordingVault, sealedIdentity, submitClaim } from '@claimtrail/claims/testing';
import { InMemoryEventStore } from '@claimtrail/event-store';
import { fixture } from '../x12/x12-fixtures.testing.js';
import { ClaimPostings } from './claim-postings.js';
import { Import835Service } from './import-835.service.js';
import { ignoreImports } from './import-observer.port.js';

// The multi-claim fixture names its three patients in NM1*QC: these are its names and member ids.
const PLAINTEXT = /SPECIMEN|DREW|ELLIS|FINLEY|W00000000/;
const NOW = new Date('2025-03-20T12:00:00.000Z');
const CHARGES: Record<string, number[]> = {
  'PCN-0008': [15_000, 8_500, 4_000],
  'PCN-0009': [32_000, 9_500],
  'PCN-0010': [13_000, 3_000],
};

describe('importing an 835 whose claim payments name their patients', () => {
  const registered = sealedIdentity();
  const payerView = sealedIdentity({ data: Buffer.alloc(60, 7).toString('base64') });
  let store: InMemoryEventStore;
  let vault: RecordingVault;
  let service: Import835Service;

  /** PCN-0008 submitted without an identity, PCN-0009 for a forgotten patient, PCN-0010 with the practice's own. */
  beforeEach(async () => {
    store = new InMemoryEventStore(() => NOW);
    const clock = { now: () => NOW };
    const executor = new ClaimCommandExecutor(store, clock);
    vault = new RecordingVault(new Set(['PT-0009']), payerView);
    service = new Import835Service(
      store,
      clock,
      new ClaimPostings(store, clock, executor, vault),
      ignoreImports,
    );
    for (const [claimId, charges] of Object.entries(CHARGES)) {
      const {
        type: _t,
        occurredAt: _at,
        ...claim
      } = submitClaim({
        claimId,
        patientRef: `PT-${claimId.slice(4)}`,
        lines: charges.map((chargeCents) => ({
          procedureCode: '99213',
          modifiers: [],
          units: 1,
          chargeCents,
          diagnosisPointers: [1],
          serviceDate: '2025-03-01',
        })),
        ...(claimId === 'PCN-0010' && { patientIdentity: registered }),
      });
      const body: CommandBody<SubmitClaim> = { type: 'SubmitClaim', ...claim };
      await executor.execute(claimId, body, { actor: 'biller', occurredAt: '2025-03-05T12:00:00.000Z' });
    }
  });

  const claimOf = async (claimId: string) => {
    const state = fold(await store.readStream(claimStreamName(claimId)));
    if (state.status === 'NONE') throw new Error(`no claim ${claimId}`);
    return state;
  };
  const paymentOf = async (claimId: string) =>
    (await store.readStream(claimStreamName(claimId))).find((e) => e.type === 'ClaimPaid')!;

  it("seals each payment's identity with its claim's patient key, in one vault call for the whole file", async () => {
    const report = await service.import(fixture('835-multi-claim-service-lines.835'), { actor: 'admin' });
    expect(report.counts).toMatchObject({ claims: 3, posted: 3 });
    expect(vault.calls).toBe(1);
    expect(vault.sealed).toEqual([
      {
        patientRef: 'PT-0008',
        identity: { lastName: 'SPECIMEN', firstName: 'DREW', memberId: 'W000000008' },
      },
      {
        patientRef: 'PT-0010',
        identity: { lastName: 'SPECIMEN', firstName: 'FINLEY', memberId: 'W000000010' },
      },
    ]);
  });

  it('lets no plaintext reach an event or the report: the payment carries the sealed envelope only', async () => {
    const report = await service.import(fixture('835-multi-claim-service-lines.835'), { actor: 'admin' });
    expect((await paymentOf('PCN-0008')).data).toMatchObject({ patientIdentity: payerView });
    const events = await store.readAll();
    expect(events.some((e) => e.type === 'RemittanceImported')).toBe(true);
    for (const event of events) expect(JSON.stringify(event)).not.toMatch(PLAINTEXT);
    expect(JSON.stringify(report)).not.toMatch(PLAINTEXT);
  });

  it("gives a claim without an identity the payer's, and leaves the practice's own in place", async () => {
    await service.import(fixture('835-multi-claim-service-lines.835'), { actor: 'admin' });
    expect(await claimOf('PCN-0008')).toMatchObject({ patientIdentity: payerView });
    expect((await paymentOf('PCN-0010')).data).toMatchObject({ patientIdentity: payerView });
    expect((await claimOf('PCN-0010')).patientIdentity).toEqual(registered);
  });

  it("posts a forgotten patient's payment without any identity: the money is posted, the identity stays gone", async () => {
    await service.import(fixture('835-multi-claim-service-lines.835'), { actor: 'admin' });
    const payment = await paymentOf('PCN-0009');
    expect(payment.data).toMatchObject({ paidCents: 19_200 });
    expect(payment.data).not.toHaveProperty('patientIdentity');
    expect((await claimOf('PCN-0009')).patientIdentity).toBeUndefined();
  });

  it('seals nothing when the file posts nothing: a problem, or every line already posted', async () => {
    await service.import(fixture('835-multi-claim-service-lines.835'), { actor: 'admin' });
    const again = await service.import(fixture('835-multi-claim-service-lines.835'), { actor: 'admin' });
    expect(again.alreadyImported).toBe(true);
    expect(vault.calls).toBe(1);
    const unknown = fixture('835-multi-claim-service-lines.835').replace('CLP*PCN-0008*', 'CLP*PCN-9999*');
    const refused = await service.import(unknown, { actor: 'admin' });
    expect(refused.posted).toBe(false);
    expect(vault.calls).toBe(1);
  });
});
