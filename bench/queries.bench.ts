import type { ApiProcess } from './api-process.js';
import { reportDates } from './book.js';
import type { ClaimsBook } from './claims-book.js';
import { machine, publish, runStamp } from './docs-section.js';
import { latency, type Latency } from './stats.js';

const SAMPLES = Number(process.env.BENCH_QUERY_SAMPLES ?? 200);
const WARMUP = Number(process.env.BENCH_QUERY_WARMUP ?? 10);
const TARGET_P95_MS = 50;

const AGING = `asOf total { total { totalCents claims } buckets { bucket totalCents claims } }
  groups { key total { totalCents claims } buckets { bucket insuranceCents patientCents claims } }`;

/** The reports a billing office opens, as the GraphQL API serves them; the floor is the same HTTP path doing nothing. */
function queries(now: Date): Record<string, string> {
  const d = reportDates(now);
  return {
    'HTTP + GraphQL floor: { __typename }': '{ __typename }',
    'agingReport (today, by payer)': `{ agingReport { ${AGING} } }`,
    [`agingReport (asOf ${d.lastMonthEnd}, by payer)`]: `{ agingReport(asOf: "${d.lastMonthEnd}") { ${AGING} } }`,
    'denialTrends (12 months, by month, payer and reason)': `{ denialTrends(from: "${d.yearAgo}", to: "${d.today}") {
      period payerId reason denials deniedCents appealed overturned overturnRate claimsAdjudicated initialDenialRate } }`,
    'payerResponseTimes (12 months, by month)': `{ payerResponseTimes(from: "${d.yearAgo}", to: "${d.today}") {
      payerId period toAcknowledgement { count mean median p90 } toFirstAdjudication { count mean median p90 }
      toFirstPayment { count mean median p90 } pendDuration { count mean median p90 } } }`,
    'kpis (last 90 days)': `{ kpis(from: "${d.quarterAgo}", to: "${d.today}") {
      daysInAr { value numerator denominator } arOver90Days { value } cleanClaimRate { value }
      firstPassResolutionRate { value } denialRate { value } netCollectionRate { value } } }`,
    'worklist (first page of 50)': `{ worklist(first: 50) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { claimId status assignee payerId reason actionableFrom deadline deadlineKind
        daysToDeadline atStakeCents ageDays } } } }`,
  };
}

export async function runQueriesBench(book: ClaimsBook, api: ApiProcess): Promise<void> {
  const named = Object.entries(queries(book.now));
  const timings = new Map<string, number[]>(named.map(([name]) => [name, []]));
  for (let i = 0; i < WARMUP; i++) for (const [, query] of named) await api.graphql(query);
  // Round-robin, one request in flight: drift on the shared machine hits every query alike.
  for (let i = 0; i < SAMPLES; i++) {
    for (const [name, query] of named) {
      const started = performance.now();
      await api.graphql(query);
      timings.get(name)!.push(performance.now() - started);
    }
  }
  const results = named.map(([name]) => {
    const measured: Latency = latency(timings.get(name)!);
    const floor = name.startsWith('HTTP');
    return {
      query: name,
      ...measured,
      targetP95Ms: floor ? undefined : TARGET_P95_MS,
      met: floor ? undefined : measured.p95 < TARGET_P95_MS,
    };
  });
  const report = {
    generatedAt: new Date().toISOString(),
    machine: machine(book.serverVersion),
    book: { claims: book.stats.claims, events: book.stats.events },
    samples: SAMPLES,
    results,
  };
  const floor = results[0]!;
  const table = [
    `Run ${runStamp(report.generatedAt)} UTC · ${report.machine.cpus} cores (load average ${report.machine.loadAverage.join(' ')}) · Node ${report.machine.node} · PostgreSQL ${report.machine.postgres} · ${book.stats.claims} claims, ${book.stats.events} events · ${SAMPLES} requests each over HTTP, one at a time, round-robin`,
    '',
    '| Query | p50 ms | p95 ms | p99 ms | max ms | p95 ÷ floor p95 | Target |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...results.map(
      (r) =>
        `| ${r.query} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ${(r.p95 / floor.p95).toFixed(1)}x | ${r.targetP95Ms === undefined ? '' : `p95 < ${r.targetP95Ms} ms ${r.met ? 'met' : 'short'}`} |`,
    ),
  ].join('\n');
  await publish('queries', report, table);
}
