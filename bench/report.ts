export interface Result {
  scenario: string;
  rate: number;
  baseline: string;
  baselineRate: number;
  /** Ratio the issue asks for, where it asks for one. */
  target?: number;
}

interface Report {
  generatedAt: string;
  machine: { cpus: number; node: string; postgres: string };
  eventBytes: number;
  results: (Result & { ratio: number; met?: boolean })[];
}

export function renderTable(report: Report): string {
  const lines = [
    `Run ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC · ${report.machine.cpus} cores · Node ${report.machine.node} · PostgreSQL ${report.machine.postgres} · events of ~${report.eventBytes} B JSON · median of the rounds`,
    '',
    '| Workload | ClaimTrail events/s | Baseline | Baseline events/s | Ratio | Target |',
    '| --- | ---: | --- | ---: | ---: | --- |',
    ...report.results.map(
      (r) =>
        `| ${r.scenario.trim().startsWith('same') ? `↳ ${r.scenario.trim()}` : r.scenario} | ${r.rate} | ${r.baseline} | ${r.baselineRate} | ${r.ratio.toFixed(2)}x | ${
          r.target === undefined ? '' : `≥ ${r.target.toFixed(1)}x ${r.met ? 'met' : 'short'}`
        } |`,
    ),
  ];
  return lines.join('\n');
}
