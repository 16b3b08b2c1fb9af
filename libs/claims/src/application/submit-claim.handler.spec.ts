import { InMemoryEventStore } from '@claimtrail/event-store';
import { AT, RecordingVault, sealedIdentity, submitClaim } from '../testing/index.js';
import { addDays, claimStreamName, MEDICARE_RULES, type PayerRules } from '../domain/index.js';
import { ClaimCommandExecutor } from './claim-command.executor.js';
import type { PayerRulesPort } from './payer-rules.port.js';
import { SubmitClaimCommand } from './submit-claim.command.js';
import { SubmitClaimHandler } from './submit-claim.handler.js';

/** The port as a test needs it: rules by payer id, Medicare's for any other. */
class InMemoryPayerRules implements PayerRulesPort {
  constructor(private readonly rules: Record<string, PayerRules>) {}

  async rulesFor(payerId: string): Promise<PayerRules> {
    return this.rules[payerId] ?? MEDICARE_RULES;
  }
}

describe('submitting a claim through its handler, with payer rules from the port', () => {
  const { type: _type, payerRules: _rules, occurredAt: _at, ...claim } = submitClaim();
  const commercial: PayerRules = { timelyFilingDays: 90, appealWindowDays: [180, 60], responseDays: 30 };

  it("files the claim with a copy of its payer's rules and deadlines computed from them", async () => {
    const store = new InMemoryEventStore(() => new Date(AT.submitted));
    const executor = new ClaimCommandExecutor(store, { now: () => new Date(AT.submitted) });
    const handler = new SubmitClaimHandler(
      executor,
      new InMemoryPayerRules({ CIGNA1: commercial }),
      new RecordingVault(),
    );

    await handler.execute(new SubmitClaimCommand({ ...claim, payerId: 'CIGNA1' }, { actor: 'biller' }));

    const [submitted] = await store.readStream(claimStreamName(claim.claimId));
    expect(submitted!.data).toMatchObject({
      payerId: 'CIGNA1',
      payerRules: commercial,
      timelyFilingDeadline: addDays(claim.lines[0]!.serviceDate, 90),
    });
  });

  it("uses Medicare's rules for a payer the port does not know", async () => {
    const store = new InMemoryEventStore(() => new Date(AT.submitted));
    const handler = new SubmitClaimHandler(
      new ClaimCommandExecutor(store, { now: () => new Date(AT.submitted) }),
      new InMemoryPayerRules({}),
      new RecordingVault(),
    );
    await handler.execute(new SubmitClaimCommand(claim, { actor: 'biller' }));
    const [submitted] = await store.readStream(claimStreamName(claim.claimId));
    expect(submitted!.data).toMatchObject({ payerRules: MEDICARE_RULES });
  });

  it('seals the patient identity through the vault and stores only the sealed value', async () => {
    const store = new InMemoryEventStore(() => new Date(AT.submitted));
    const vault = new RecordingVault();
    const handler = new SubmitClaimHandler(
      new ClaimCommandExecutor(store, { now: () => new Date(AT.submitted) }),
      new InMemoryPayerRules({}),
      vault,
    );
    const patient = { lastName: 'ZZLAST', firstName: 'ZZFIRST', birthDate: '1980-02-03', memberId: 'ZZM1' };
    await handler.execute(new SubmitClaimCommand({ ...claim, patient }, { actor: 'biller' }));
    const [submitted] = await store.readStream(claimStreamName(claim.claimId));
    expect(vault.sealed).toEqual([{ patientRef: claim.patientRef, identity: patient }]);
    expect(submitted!.data).toMatchObject({ patientIdentity: sealedIdentity() });
    expect(JSON.stringify(submitted)).not.toMatch(/ZZLAST|ZZFIRST|1980-02-03|ZZM1/);
  });
});
