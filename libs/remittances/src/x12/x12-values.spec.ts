import fc from 'fast-check';
import { parseAmountCents, parseDate } from './x12-values.js';

function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

describe('parseAmountCents', () => {
  it.each([
    ['1234.5', 123450],
    ['-100', -10000],
    ['.5', 50],
    ['0.29', 29],
    ['1.10', 110],
    ['-0', 0],
    ['0', 0],
    ['000012', 1200],
  ])('reads %s as %d cents', (text, cents) => {
    expect(parseAmountCents(text)).toBe(cents);
  });

  it.each(['', '.', '-', '1.', '1.234', '1,5', '+1', '1e3', ' 1', 'abc', '12345678901234'])(
    'refuses %p',
    (text) => {
      expect(parseAmountCents(text)).toBeUndefined();
    },
  );

  it('round-trips every cent amount through its X12 decimal', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e14, max: 1e14 }), (cents) => {
        expect(parseAmountCents(formatCents(cents))).toBe(cents);
      }),
    );
  });

  it('reads the same cents without trailing zeros in the decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const trimmed = formatCents(cents)
          .replace(/\.?0+$/, '')
          .replace(/^(-?)0\./, '$1.');
        expect(parseAmountCents(trimmed === '' || trimmed === '-' ? '0' : trimmed)).toBe(cents);
      }),
    );
  });
});

describe('parseDate', () => {
  it('reads CCYYMMDD as an ISO date', () => {
    expect(parseDate('20240229')).toBe('2024-02-29');
  });

  it.each(['20250229', '20251301', '20250100', '2025030', '2025-03-01', ''])('refuses %p', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });
});
