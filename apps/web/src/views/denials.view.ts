import { loadBarChart } from '../charts/load-bar-chart.js';
import { PALETTE } from '../charts/palette.js';
import { dataTable, h } from '../dom.js';
import { addMonths, firstOfMonth, integer, money, monthLabel, percent } from '../format.js';
import { DenialTrendsDocument, type DenialTrendsQuery } from '../graphql/generated.js';
import type { View } from './view.js';

type Row = DenialTrendsQuery['denialTrends'][number];
const SHOWN_REASONS = 6;

/** Reasons by denials, the most frequent first, and each one's totals over the whole range. */
export function reasonTotals(rows: Row[]) {
  const totals = new Map<
    string,
    { denials: number; deniedCents: number; appealed: number; overturned: number }
  >();
  for (const row of rows) {
    const key = row.reason ?? 'unknown';
    const t = totals.get(key) ?? { denials: 0, deniedCents: 0, appealed: 0, overturned: 0 };
    t.denials += row.denials;
    t.deniedCents += row.deniedCents;
    t.appealed += row.appealed;
    t.overturned += row.overturned;
    totals.set(key, t);
  }
  return [...totals].sort((a, b) => b[1].denials - a[1].denials || a[0].localeCompare(b[0]));
}

/** Denials by month and reason over the twelve months up to the report date, with appeals and overturn rates. */
export function denialsView(): View {
  let destroy: (() => void) | undefined;
  return {
    title: 'Denial trends',
    async render(into, context) {
      const from = firstOfMonth(addMonths(context.asOf, -11));
      const [{ denialTrends }, barChart] = await Promise.all([
        context.request(DenialTrendsDocument, { from, to: context.asOf, at: context.at }),
        loadBarChart(),
      ]);
      const months = [...new Set(denialTrends.map((r) => r.period))].sort();
      const reasons = reasonTotals(denialTrends);
      const shown = reasons.slice(0, SHOWN_REASONS).map(([reason]) => reason);
      const bucketOf = (reason: string | null) =>
        shown.includes(reason ?? 'unknown') ? (reason ?? 'unknown') : 'Other';
      const columns = reasons.length > SHOWN_REASONS ? [...shown, 'Other'] : shown;
      const count = (month: string, column: string) =>
        denialTrends
          .filter((r) => r.period === month && bucketOf(r.reason) === column)
          .reduce((n, r) => n + r.denials, 0);
      const chart = barChart({
        title: 'Denials by month and reason',
        categories: months.map(monthLabel),
        stacked: true,
        format: (v) => integer(Math.round(v)),
        series: columns.map((column, i) => ({
          label: column,
          colour: PALETTE[i % PALETTE.length]!,
          values: months.map((m) => count(m, column)),
        })),
      });
      // The chart of the render before is off the page once this one shows.
      destroy?.();
      destroy = chart.destroy;
      into.append(
        h(
          'section',
          { 'aria-labelledby': 'denials-heading' },
          h('h2', { id: 'denials-heading' }, `Denials by month and reason, ${from} to ${context.asOf}`),
          months.length === 0 ? h('p', {}, 'No denials in this period.') : chart.element,
          dataTable(
            'Denials by month and reason',
            ['Month', ...columns, 'All'],
            months.map((m) => [
              monthLabel(m),
              ...columns.map((c) => integer(count(m, c))),
              integer(columns.reduce((n, c) => n + count(m, c), 0)),
            ]),
          ),
        ),
        h(
          'section',
          { 'aria-labelledby': 'overturn-heading' },
          h('h2', { id: 'overturn-heading' }, 'Appeals and overturn rates by reason'),
          dataTable(
            'Denials, appeals and overturns by reason over the period',
            ['Reason', 'Denials', 'Denied', 'Appealed', 'Overturned', 'Overturn rate'],
            reasons.map(([reason, t]) => [
              reason,
              integer(t.denials),
              money(t.deniedCents),
              integer(t.appealed),
              integer(t.overturned),
              percent(t.appealed ? t.overturned / t.appealed : null),
            ]),
          ),
        ),
      );
    },
    destroy: () => destroy?.(),
  };
}
