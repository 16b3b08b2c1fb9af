import { claimOf, claimSubmitted } from '../testing/index.js';
import { initialClaimState, upcastClaimEvent } from '../domain/index.js';
import { toClaim } from './claim.mapper.js';

describe('toClaim', () => {
  it("shows the version of the payer's rules the deadlines came from", () => {
    const payerRules = { timelyFilingDays: 90, appealWindowDays: [60], responseDays: 20, version: 2 };
    expect(toClaim(claimOf([claimSubmitted({ payerRules })]), 0).deadlines).toEqual({
      timelyFiling: '2026-05-31',
      payerRulesVersion: 2,
    });
  });

  it('shows no version for a ClaimSubmitted stored before payer rules had versions', () => {
    const { payerRules: _current, ...data } = claimSubmitted().data;
    const stored = {
      ...data,
      payerRules: { timelyFilingDays: 365, appealWindowDays: [120], responseDays: 30 },
    };
    const event = upcastClaimEvent(
      { type: 'ClaimSubmitted', schemaVersion: 1, data: stored },
      initialClaimState,
    );
    const claim = toClaim(claimOf([event!]), 0);
    expect(claim.deadlines.timelyFiling).toBe(data.timelyFilingDeadline);
    expect(claim.deadlines.payerRulesVersion).toBeUndefined();
  });
});
