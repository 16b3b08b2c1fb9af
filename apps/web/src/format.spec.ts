import {
  addMonths,
  days,
  exactMoney,
  firstOfMonth,
  integer,
  lastOfMonth,
  money,
  percent,
  recentMonthEnds,
} from './format.js';

describe('the page formats', () => {
  it('shows cents as whole dollars in charts and to the cent where exact money is asked for', () => {
    expect(money(123_456_789)).toBe('$1,234,568');
    expect(money(0)).toBe('$0');
    expect(exactMoney(1_999)).toBe('$19.99');
    expect(exactMoney(-250)).toBe('-$2.50');
    expect(integer(1_080_930)).toBe('1,080,930');
  });

  it('shows a ratio or a number of days the API could not compute as a dash, not as zero', () => {
    expect(percent(0.9123)).toBe('91.2%');
    expect(percent(0)).toBe('0.0%');
    expect(percent(null)).toBe('—');
    expect(percent(undefined)).toBe('—');
    expect(days(38.04)).toBe('38.0 d');
    expect(days(null)).toBe('—');
  });
});

describe('the month-end picker', () => {
  it("moves by calendar months and clamps to the month's last day", () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-12-06', 1)).toBe('2027-01-06');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });

  it('finds the first and last day of a month, leap years included', () => {
    expect(firstOfMonth('2026-12-06')).toBe('2026-12-01');
    expect(lastOfMonth('2026-12-06')).toBe('2026-12-31');
    expect(lastOfMonth('2028-02-10')).toBe('2028-02-29');
    expect(lastOfMonth('2100-02-10')).toBe('2100-02-28');
  });

  it('offers the ends of the months before the current one, newest first', () => {
    expect(recentMonthEnds('2026-03-31', 4)).toEqual([
      '2026-02-28',
      '2026-01-31',
      '2025-12-31',
      '2025-11-30',
    ]);
    expect(recentMonthEnds('2026-03-01', 1)).toEqual(['2026-02-28']);
  });
});
