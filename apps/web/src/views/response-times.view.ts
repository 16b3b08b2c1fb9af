import { loadBarChart } from '../charts/load-bar-chart.js';
import { PALETTE } from '../charts/palette.js';
import { dataTable, h } from '../dom.js';
import { addMonths, days, firstOfMonth, integer, lastOfMonth } from '../format.js';
import { PayerResponseTimesDocument } from '../graphql/generated.js';
import type { View } from './view.js';

/** The last whole month up to a day: its own month when it is the month's last day, else the month before. */
export function wholeMonthOf(day: string): { from: string; to: string } {
  const month = day === lastOfMonth(day) ? day : lastOfMonth(addMonths(firstOfMonth(day), -1));
  return { from: firstOfMonth(month), to: month };
}

/** Median and 90th percentile days from submission to the payer's first decision, per payer, for one month. */
export function responseTimesView(): View {
  let destroy: (() => void) | undefined;
  return {
    title: 'Payer response times',
    async render(into, context) {
      const { from, to } = wholeMonthOf(context.asOf);
      const [{ payerResponseTimes }, barChart] = await Promise.all([
        context.request(PayerResponseTimesDocument, { from, to, at: context.at }),
        loadBarChart(),
      ]);
      const rows = [...payerResponseTimes]
        .filter((r) => r.toFirstAdjudication.count > 0)
        .sort((a, b) => (b.toFirstAdjudication.median ?? 0) - (a.toFirstAdjudication.median ?? 0));
      const chart = barChart({
        title: 'Days to first adjudication',
        categories: rows.map((r) => r.payerId),
        stacked: false,
        format: (v) => `${Math.round(v)} d`,
        series: [
          { label: 'Median', colour: PALETTE[0], values: rows.map((r) => r.toFirstAdjudication.median) },
          {
            label: '90th percentile',
            colour: PALETTE[1],
            values: rows.map((r) => r.toFirstAdjudication.p90),
          },
        ],
      });
      // The chart of the render before is off the page once this one shows.
      destroy?.();
      destroy = chart.destroy;
      into.append(
        h(
          'section',
          { 'aria-labelledby': 'response-heading' },
          h(
            'h2',
            { id: 'response-heading' },
            `Days from submission to first adjudication, claims submitted ${from} to ${to}`,
          ),
          rows.length === 0
            ? h('p', {}, 'No claim submitted in this month has been adjudicated yet.')
            : chart.element,
          dataTable(
            'Payer response times in days',
            [
              'Payer',
              'Adjudicated',
              'Median',
              '90th percentile',
              'Paid',
              'Median to payment',
              '90th percentile to payment',
            ],
            rows.map((r) => [
              r.payerId,
              integer(r.toFirstAdjudication.count),
              days(r.toFirstAdjudication.median),
              days(r.toFirstAdjudication.p90),
              integer(r.toFirstPayment.count),
              days(r.toFirstPayment.median),
              days(r.toFirstPayment.p90),
            ]),
          ),
        ),
      );
    },
    destroy: () => destroy?.(),
  };
}
