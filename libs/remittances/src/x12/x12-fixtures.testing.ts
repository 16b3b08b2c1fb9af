import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/x12');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export interface PaymentFixtureOptions {
  /** CLP01, the claim id. */
  claimId: string;
  /** TRN02 */
  traceNumber?: string;
  /** NM1*QC: last name, first name and the member id in NM109 (left empty when absent). */
  patient?: { lastName: string; firstName?: string; memberId?: string };
  /** NM1*IL NM109, the subscriber's member id, on a segment of its own after NM1*QC. */
  subscriberId?: string;
}

/**
 * `835-single-claim-payment.835` (250.00 billed on two lines of 180.00 and 70.00, paid 2025-03-14) for another claim,
 * trace and patient, with SE01 counting the segments it ends up with.
 */
export function singleClaimPayment(options: PaymentFixtureOptions): string {
  const { claimId, traceNumber = 'EFT20250314001', patient, subscriberId } = options;
  const segment = (...elements: string[]) => `${elements.join('*').replace(/\*+$/, '')}~`;
  const names = patient
    ? [
        segment(
          'NM1',
          'QC',
          '1',
          patient.lastName,
          patient.firstName ?? '',
          '',
          '',
          '',
          patient.memberId ? 'MI' : '',
          patient.memberId ?? '',
        ),
      ]
    : [];
  if (subscriberId !== undefined)
    names.push(segment('NM1', 'IL', '1', '', '', '', '', '', 'MI', subscriberId));
  const segments = fixture('835-single-claim-payment.835')
    .split('\n')
    .filter((line) => line !== '')
    .flatMap((line) => (line.startsWith('NM1*QC*') ? names : [line]))
    .map((line) =>
      line
        .replace('CLP*PCN-0001*', `CLP*${claimId}*`)
        .replace('TRN*1*EFT20250314001*', `TRN*1*${traceNumber}*`),
    );
  const st = segments.findIndex((s) => s.startsWith('ST*'));
  const se = segments.findIndex((s) => s.startsWith('SE*'));
  segments[se] = `SE*${se - st + 1}*0101~`;
  return `${segments.join('\n')}\n`;
}
