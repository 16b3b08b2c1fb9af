import { bearer } from './test-tokens.js';
import { submitClaimInput } from './claim-inputs.js';

export const mutation = (name: string) =>
  `mutation Run($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { claimId version position } }`;

export interface Command {
  name: string;
  input: Record<string, unknown> & { claimId: string; commandId: string };
}

/** A valid command for some claim of the pool, or a new claim; whether the claim's state allows it is left to chance. */
export function randomCommand(pool: string[], commandId: string): Command {
  const claimId = pool[Math.floor(Math.random() * pool.length)]!;
  const roll = Math.random();
  const on = (name: string, input: Record<string, unknown>): Command => ({
    name,
    input: { claimId, commandId, ...input },
  });
  if (roll < 0.1) {
    const input = submitClaimInput({ commandId });
    return { name: 'submitClaim', input: input as unknown as Command['input'] };
  }
  if (roll < 0.35) return on('logFollowUp', { channel: 'PHONE', outcome: 'Payer says in process' });
  if (roll < 0.5) return on('assignClaim', { assignee: `biller-${Math.floor(Math.random() * 5)}` });
  if (roll < 0.65) return on('acknowledgeClaim', { payerClaimNumber: `PCN-${commandId}`, statusCode: 'A1' });
  if (roll < 0.75)
    return on('pendClaim', { statusCode: 'R4', requested: 'Medical records', infoDueDate: '2026-12-31' });
  if (roll < 0.9)
    return on('recordPayment', {
      paymentId: `EFT-${commandId}`,
      paidDate: '2026-03-20',
      paidCents: 70_000,
      adjustments: [
        { groupCode: 'CO', carc: '45', amountCents: 20_000 },
        { groupCode: 'PR', carc: '2', amountCents: 10_000 },
      ],
    });
  return on('denyClaim', { groupCode: 'CO', carc: '50', deniedAmountCents: 100_000 });
}

export async function gql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await bearer('load')) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}
