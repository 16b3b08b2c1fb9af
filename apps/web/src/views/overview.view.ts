import { AGING_COLOURS } from '../charts/palette.js';
import { loadBarChart } from '../charts/load-bar-chart.js';
import { dataTable, h } from '../dom.js';
import { addMonths, days, integer, money, percent, recentMonthEnds } from '../format.js';
import { OverviewDocument, type KpiPartsFragment, type OverviewQuery } from '../graphql/generated.js';
import type { View, ViewContext } from './view.js';

export const BUCKET_LABELS: Record<string, string> = {
  DAYS_0_30: '0–30',
  DAYS_31_60: '31–60',
  DAYS_61_90: '61–90',
  DAYS_91_120: '91–120',
  OVER_120: '120+',
};
const BUCKETS = Object.keys(BUCKET_LABELS);

type Kpis = OverviewQuery['kpis'];
const KPIS: { key: keyof Omit<Kpis, 'from' | 'to'>; label: string; show: (v: number | null) => string }[] = [
  { key: 'daysInAr', label: 'Days in AR', show: (v) => days(v) },
  { key: 'arOver90Days', label: 'AR over 90 days', show: percent },
  { key: 'netCollectionRate', label: 'Net collection rate', show: percent },
  { key: 'denialRate', label: 'Denial rate', show: percent },
  { key: 'cleanClaimRate', label: 'Clean claim rate', show: percent },
  { key: 'firstPassResolutionRate', label: 'First-pass resolution', show: percent },
];

const partsOf = (kpi: KpiPartsFragment) =>
  `${integer(Math.round(kpi.numerator))} ÷ ${integer(Math.round(kpi.denominator))}: ${kpi.definition}`;

function kpiCard(label: string, shown: string, parts: string): HTMLElement {
  // Focusable, so that the numerator and denominator show for the keyboard as they do on hover.
  return h(
    'div',
    { class: 'kpi', tabindex: 0, 'data-kpi': label },
    h('span', { class: 'kpi-label' }, label),
    h('span', { class: 'kpi-value' }, shown),
    h('span', { class: 'kpi-parts' }, parts),
  );
}

function asOfControls(context: ViewContext): HTMLElement {
  const input = h('input', {
    type: 'date',
    id: 'as-of',
    value: context.asOf,
    max: context.today,
    onchange: (event: Event) => {
      const value = (event.target as HTMLInputElement).value;
      if (value) context.setAsOf(value);
    },
  });
  const monthEnds = h(
    'select',
    {
      id: 'month-end',
      onchange: (event: Event) => {
        const value = (event.target as HTMLSelectElement).value;
        if (value) context.setAsOf(value);
      },
    },
    h('option', { value: '' }, 'Month end…'),
    ...recentMonthEnds(context.today, 12).map((day) =>
      h('option', { value: day, selected: day === context.asOf }, day),
    ),
  );
  return h(
    'form',
    { class: 'controls', onsubmit: (event: Event) => event.preventDefault() },
    h('label', { for: 'as-of' }, 'As of'),
    input,
    h('label', { for: 'month-end', class: 'visually-hidden' }, 'Month end'),
    monthEnds,
  );
}

/** Total AR, its KPIs and aging by payer as of a day (a month end for the close). */
export function overviewView(): View {
  let destroy: (() => void) | undefined;
  return {
    title: 'AR overview',
    changesWith: () => true,
    async render(into, context) {
      const [{ agingReport, kpis }, barChart] = await Promise.all([
        context.request(OverviewDocument, {
          asOf: context.asOf,
          from: addMonths(context.asOf, -3),
          at: context.at,
        }),
        loadBarChart(),
      ]);
      const groups = [...agingReport.groups].sort((a, b) => b.total.totalCents - a.total.totalCents);
      const payers = groups.map((g) => g.key ?? 'none');
      const cents = (group: (typeof groups)[number], bucket: string) =>
        group.buckets.find((b) => b.bucket === bucket)?.totalCents ?? 0;
      const chart = barChart({
        title: 'Aging by payer',
        categories: payers,
        stacked: true,
        format: money,
        series: BUCKETS.map((bucket, i) => ({
          label: `${BUCKET_LABELS[bucket]} days`,
          colour: AGING_COLOURS[i]!,
          values: groups.map((g) => cents(g, bucket)),
        })),
      });
      // The chart of the render before is off the page once this one shows.
      destroy?.();
      destroy = chart.destroy;
      const cell = (amount: number) => h('span', { 'data-cents': amount }, money(amount));
      const total = agingReport.total;
      into.append(
        asOfControls(context),
        h(
          'section',
          { 'aria-labelledby': 'kpi-heading' },
          h('h2', { id: 'kpi-heading' }, `KPIs, ${kpis.from} to ${kpis.to}`),
          h(
            'div',
            { class: 'kpis' },
            kpiCard(
              'Total AR',
              money(total.total.totalCents),
              `${money(total.total.insuranceCents)} owed by payers + ${money(total.total.patientCents)} by patients, ${integer(total.total.claims)} claims`,
            ),
            ...KPIS.map(({ key, label, show }) => kpiCard(label, show(kpis[key].value), partsOf(kpis[key]))),
          ),
        ),
        h(
          'section',
          { 'aria-labelledby': 'aging-heading' },
          h('h2', { id: 'aging-heading' }, `Aging by payer as of ${agingReport.asOf}`),
          chart.element,
          dataTable(
            `AR by payer and age in days, as of ${agingReport.asOf}`,
            ['Payer', ...BUCKETS.map((b) => `${BUCKET_LABELS[b]} days`), 'Total', 'Claims'],
            [
              ...groups.map((g) => [
                g.key ?? 'none',
                ...BUCKETS.map((b) => cell(cents(g, b))),
                cell(g.total.totalCents),
                integer(g.total.claims),
              ]),
              [
                'All payers',
                ...BUCKETS.map((b) => cell(total.buckets.find((x) => x.bucket === b)?.totalCents ?? 0)),
                cell(total.total.totalCents),
                integer(total.total.claims),
              ],
            ],
          ),
        ),
      );
      into.querySelector('table')!.id = 'aging-table';
    },
    destroy: () => destroy?.(),
  };
}
