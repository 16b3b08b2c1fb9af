const dollars = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});
const exactDollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const count = new Intl.NumberFormat('en-US');

export const money = (cents: number) => dollars.format(cents / 100);
export const exactMoney = (cents: number) => exactDollars.format(cents / 100);
export const integer = (n: number) => count.format(n);
export const percent = (ratio: number | null | undefined) =>
  ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`;
export const days = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : `${n.toFixed(1)} d`;

/** YYYY-MM-DD of a local calendar date. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The calendar date `months` months before (negative) or after the day given, clamped to the month's end. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(y, m - 1 + months + 1, 0).getDate();
  return isoDate(new Date(y, m - 1 + months, Math.min(d, last)));
}

export const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;

export function lastOfMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return isoDate(new Date(y, m, 0));
}

/** The ends of the months before the one `today` falls in, newest first. */
export function recentMonthEnds(today: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => lastOfMonth(addMonths(firstOfMonth(today), -(i + 1))));
}

export const monthLabel = (period: string) => period.slice(0, 7);
