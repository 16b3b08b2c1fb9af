import type { ClaimDenied } from '../domain/index.js';
import { claimDenied } from './denial-appeal.builders.js';

/** ClaimDenied data as schema version 1 wrote it: no remark codes anywhere, line denials optional. */
export const claimDeniedV1Data = (): Record<string, unknown> => ({
  groupCode: 'CO',
  carc: '50',
  deniedAmountCents: 100_000,
  deniedOn: '2026-04-10',
  firstAdjudication: true,
  nextAppealLevel: 1,
  appealDeadline: '2026-08-08',
});

/** ClaimDenied data as schema version 2 wrote it: remark codes, but neither payer nor provider. */
export function claimDeniedV2Data(overrides: Partial<ClaimDenied['data']> = {}): Record<string, unknown> {
  const { payerId: _payerId, providerNpi: _providerNpi, ...data } = claimDenied(overrides).data;
  return data;
}
