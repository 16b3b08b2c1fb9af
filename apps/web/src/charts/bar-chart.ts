import uPlot from 'uplot';
import { h } from '../dom.js';

export interface BarSeries {
  label: string;
  colour: string;
  values: (number | null)[];
}

export interface BarChartOptions {
  title: string;
  categories: string[];
  series: BarSeries[];
  /** Stacked: each category's series on top of each other; else side by side (at most two). */
  stacked: boolean;
  format: (value: number) => string;
  height?: number;
}

/** Running totals, so that a series drawn as bars from zero shows as its slice of the stack. */
export function stackValues(series: (number | null)[][]): number[][] {
  const totals: number[] = [];
  return series.map((values) => values.map((v, i) => (totals[i] = (totals[i] ?? 0) + (v ?? 0))));
}

/**
 * Bars over categories with uPlot: a canvas, no DOM node per bar, so a chart of 50 payers draws in a frame. Its
 * legend and the hover read-out are plain elements next to it; the numbers themselves are in the table under it.
 */
export function barChart(options: BarChartOptions): { element: HTMLElement; destroy(): void } {
  const { categories, series, stacked, format } = options;
  const readout = h('p', { class: 'readout', 'aria-hidden': 'true' }, '\u00a0');
  const legend = h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    ...series.map((s) => h('li', {}, h('span', { class: 'swatch', 'data-colour': s.colour }), s.label)),
  );
  const canvasHost = h('div', { class: 'chart-canvas' });
  const element = h('figure', { class: 'chart', 'aria-hidden': 'true' }, legend, canvasHost, readout);
  // Swatch colours through the CSSOM: the page's policy forbids inline style attributes.
  legend.querySelectorAll<HTMLElement>('.swatch').forEach((el) => (el.style.background = el.dataset.colour!));

  const xs = categories.map((_, i) => i);
  const drawn = stacked ? stackValues(series.map((s) => s.values)) : series.map((s) => s.values);
  // Stacked: the tallest running total first, each smaller one painted over its foot.
  const order = stacked ? series.map((_, i) => series.length - 1 - i) : series.map((_, i) => i);
  if (!stacked && series.length > 2) throw new Error('Side by side bars take at most two series');
  const width = stacked ? 0.7 : 0.8 / series.length;
  const plot = new uPlot(
    {
      width: 640,
      height: options.height ?? 260,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: false, range: [-0.5, Math.max(categories.length - 0.5, 0.5)] } },
      axes: [
        {
          splits: () => xs,
          values: (_u, splits) => splits.map((i) => categories[i] ?? ''),
          gap: 4,
          size: 40,
        },
        { values: (_u, splits) => splits.map(format), size: 70 },
      ],
      series: [
        {},
        ...order.map((i, k) => ({
          label: series[i]!.label,
          fill: series[i]!.colour,
          stroke: series[i]!.colour,
          width: 0,
          // Side by side: the first series ends at the category's centre, the second starts there.
          paths: uPlot.paths.bars!({
            size: [width, 60],
            align: stacked || series.length === 1 ? 0 : k === 0 ? -1 : 1,
          }),
          points: { show: false },
        })),
      ],
      hooks: {
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            if (i === null || i === undefined) return;
            readout.textContent = `${categories[i]}: ${series
              .map((s) => `${s.label} ${s.values[i] === null ? '—' : format(s.values[i]!)}`)
              .join(' · ')}`;
          },
        ],
      },
    },
    [xs, ...order.map((i) => drawn[i]!)] as uPlot.AlignedData,
    canvasHost,
  );
  const resize = () =>
    plot.setSize({ width: Math.max(canvasHost.clientWidth, 280), height: options.height ?? 260 });
  const observer = new ResizeObserver(resize);
  observer.observe(canvasHost);
  return {
    element,
    destroy() {
      observer.disconnect();
      plot.destroy();
    },
  };
}
