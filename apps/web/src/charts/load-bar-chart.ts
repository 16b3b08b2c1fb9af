/**
 * uPlot is most of the page's script: it is fetched beside a view's first query instead of before the page can
 * start. The module system loads it once.
 */
export const loadBarChart = () => import('./bar-chart.js').then((module) => module.barChart);
