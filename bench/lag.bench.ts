import { READ_MODELS } from '@claimtrail/composition';
import pg from 'pg';
import type { ApiProcess } from './api-process.js';
import { reportDates } from './book.js';
import type { ClaimsBook } from './claims-book.js';
import { machine, publish, runStamp } from './docs-section.js';
import { latency } from './stats.js';

const RATE = Number(process.env.BENCH_LAG_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_LAG_SECONDS ?? 30);
const POLL_MS = 5;
const TARGET_P95_MS = 100;

const SUBMIT = `mutation($input: SubmitClaimInput!) { submitClaim(input: $input) { position } }`;
const FOLLOW_UP = `mutation($input: LogFollowUpInput!) { logFollowUp(input: $input) { position } }`;
const ASSIGN = `mutation($input: AssignClaimInput!) { assignClaim(input: $input) { position } }`;

interface Sent {
  position: string;
  commandMs: number;
}

interface Observation {
  at: number;
  position: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const nowMs = () => performance.timeOrigin + performance.now();

/** Records, for each projection, when (wall clock, ms) its checkpoint was seen at each new position. */
function pollCheckpoints(url: string, names: string[]) {
  const client = new pg.Client({ connectionString: url });
  const seen = new Map<string, Observation[]>(names.map((name) => [name, []]));
  let stopped = false;
  const running = (async () => {
    await client.connect();
    while (!stopped) {
      const { rows } = await client.query<{ name: string; position: string | null }>(
        'SELECT name, position FROM projection_checkpoints',
      );
      const at = nowMs();
      for (const row of rows) {
        const list = seen.get(row.name);
        if (list && row.position && list.at(-1)?.position !== row.position)
          list.push({ at, position: row.position });
      }
      await sleep(POLL_MS);
    }
    await client.end();
  })();
  return {
    seen,
    latest: (name: string) => seen.get(name)!.at(-1)?.position,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

/** First observation at or past position: observations are in position order, so a binary search finds it. */
function firstPassing(observations: Observation[], position: string): Observation | undefined {
  let [lo, hi] = [0, observations.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (observations[mid]!.position >= position) hi = mid;
    else lo = mid + 1;
  }
  return observations[lo];
}

export async function runLagBench(book: ClaimsBook, api: ApiProcess): Promise<void> {
  const names = READ_MODELS.map((r) => r.projection.name);
  const { rows: open } = await book.pool.query<{ claim_id: string }>(
    `SELECT claim_id FROM claim_summaries WHERE status NOT IN ('WRITTEN_OFF', 'CLOSED', 'VOIDED')
     ORDER BY md5(claim_id) LIMIT 20000`,
  );
  const today = reportDates(new Date()).today;
  const total = RATE * SECONDS;
  const command = (i: number): [string, object] => {
    const claimId = open[(i * 7919) % open.length]!.claim_id;
    if (i % 5 === 0)
      return [
        SUBMIT,
        {
          input: {
            claimId: `LAG-${i}`,
            patientRef: `PT-${i}`,
            providerNpi: '1234567893',
            payerId: 'MCRTX',
            diagnoses: ['E11.9'],
            lines: [
              { procedureCode: '99214', chargeCents: 18_000, diagnosisPointers: [1], serviceDate: today },
            ],
          },
        },
      ];
    if (i % 5 < 3)
      return [FOLLOW_UP, { input: { claimId, channel: 'PHONE', outcome: 'Payer says in process' } }];
    return [ASSIGN, { input: { claimId, assignee: `biller-${i % 25}` } }];
  };

  const poller = pollCheckpoints(book.url, names);
  const sent: Sent[] = [];
  const commandLatencies: number[] = [];
  let failed = 0;
  const failures = new Map<string, number>();
  const inFlight: Promise<void>[] = [];
  const started = nowMs();
  // Open loop: command i leaves at its scheduled time whether or not earlier ones have answered.
  for (let i = 0; i < total; i++) {
    await sleep(started + (i * 1000) / RATE - nowMs());
    const [query, variables] = command(i);
    const sentAt = nowMs();
    inFlight.push(
      api
        .graphql<Record<string, { position: string }>>(query, variables)
        .then((data) => {
          commandLatencies.push(nowMs() - sentAt);
          sent.push({ position: Object.values(data)[0]!.position, commandMs: nowMs() });
        })
        .catch((error: Error) => {
          failed++;
          const reason = error.message.slice(0, 120);
          failures.set(reason, (failures.get(reason) ?? 0) + 1);
        }),
    );
  }
  await Promise.all(inFlight);
  const achievedRate = total / ((nowMs() - started) / 1000);
  const last = sent
    .map((s) => s.position)
    .sort()
    .at(-1)!;
  const deadline = nowMs() + 60_000;
  while (names.some((name) => (poller.latest(name) ?? '') < last) && nowMs() < deadline) await sleep(20);
  await poller.stop();

  // The append's own time: recorded_at is the appending statement's transaction start, on this machine's clock.
  const { rows: appended } = await book.pool.query<{ position: string; at: string }>(
    `SELECT position::text, (extract(epoch FROM recorded_at) * 1000)::text AS at FROM events
     WHERE position = ANY($1::bigint[])`,
    [sent.map((s) => s.position.split('/')[1]!.replace(/^0+/, ''))],
  );
  const appendedAt = new Map(appended.map((r) => [r.position, Number(r.at)]));
  const results = names.map((name) => {
    const lags: number[] = [];
    let unseen = 0;
    for (const s of sent) {
      const observed = firstPassing(poller.seen.get(name)!, s.position);
      const at = appendedAt.get(s.position.split('/')[1]!.replace(/^0+/, ''));
      if (!observed || at === undefined) unseen++;
      else lags.push(Math.max(0, observed.at - at));
    }
    const measured = latency(lags);
    return {
      readModel: name,
      ...measured,
      unseen,
      targetP95Ms: TARGET_P95_MS,
      met: measured.p95 < TARGET_P95_MS,
    };
  });
  const report = {
    generatedAt: new Date().toISOString(),
    machine: machine(book.serverVersion),
    book: { claims: book.stats.claims, events: book.stats.events },
    load: {
      targetRate: RATE,
      achievedRate: Math.round(achievedRate),
      seconds: SECONDS,
      commands: total,
      failed,
      failures: Object.fromEntries([...failures].sort((a, b) => b[1] - a[1])),
      commandLatency: latency(commandLatencies),
      pollMs: POLL_MS,
    },
    results,
  };
  const table = [
    `Run ${runStamp(report.generatedAt)} UTC · ${report.machine.cpus} cores (load average ${report.machine.loadAverage.join(' ')}) · Node ${report.machine.node} · PostgreSQL ${report.machine.postgres} · on top of ${book.stats.claims} claims · ${total} commands at ${RATE}/s for ${SECONDS} s (sent at ${report.load.achievedRate}/s, ${failed} failed; mutation round trip p50 ${report.load.commandLatency.p50} ms, p95 ${report.load.commandLatency.p95} ms) · checkpoints polled every ${POLL_MS} ms`,
    '',
    '| Read model | p50 ms | p95 ms | p99 ms | max ms | Target |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...results.map(
      (r) =>
        `| ${r.readModel} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | p95 < ${r.targetP95Ms} ms ${r.met ? 'met' : 'short'} |`,
    ),
  ].join('\n');
  await publish('lag', report, table);
}
