import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ClaimCommandExecutor, MEDICARE_RULES, type CommandBody } from '@claimtrail/claims';
import { ClaimTrailModule, loadClaimTrailConfig } from '@claimtrail/composition';
import { createRootLogger, mapConcurrent } from '@claimtrail/platform';
import { Import835Service, parse835 } from '@claimtrail/remittances';
import pg from 'pg';
import pino from 'pino';
import { createEmptyDatabase, SERVER_URL } from './bench-database.js';
import { machine, publish, runStamp } from './docs-section.js';
import { median } from './workloads.js';

const CLAIMS = Number(process.env.BENCH_REMITTANCE_CLAIMS ?? 5_000);
const LINES = 22;
const LINE_CENTS = 5_000;
const CONCURRENCY = 16;
const TARGET_CLAIMS_PER_SECOND = 1_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const dollars = (cents: number) => (cents / 100).toFixed(2).replace(/\.?0+$/, '');
const claimId = (set: string, i: number) => `${set}-${String(i).padStart(6, '0')}`;

/** One 835 paying every claim of the set: each line paid 64% with CO-45 and PR-2, as a fee schedule would. */
export function remittanceFile(set: string, claims: number, trace: string): string {
  const paid = LINE_CENTS * 0.64;
  const co = LINE_CENTS * 0.2;
  const pr = LINE_CENTS - paid - co;
  const body: string[] = [
    `BPR*C*${dollars(paid * LINES * claims)}*C*ACH*CCP*01*011000015*DA*0001234567*1512345678**01*021000021*DA*0009876543*20250314`,
    `TRN*1*${trace}*1512345678`,
    'DTM*405*20250312',
    'N1*PR*ACME HEALTH PLAN',
    'N3*100 INSURANCE WAY',
    'N4*HARTFORD*CT*06101',
    'N1*PE*MAPLE STREET FAMILY PRACTICE*XX*1234567893',
  ];
  for (let i = 0; i < claims; i++) {
    body.push(
      'LX*1',
      `CLP*${claimId(set, i)}*1*${dollars(LINE_CENTS * LINES)}*${dollars(paid * LINES)}*${dollars(pr * LINES)}*12*PCN${i}*11*1`,
      'NM1*QC*1*DOE*JANE****MI*W000000001',
      'DTM*232*20250301',
    );
    for (let line = 1; line <= LINES; line++)
      body.push(
        `SVC*HC:99213*${dollars(LINE_CENTS)}*${dollars(paid)}**1`,
        'DTM*472*20250301',
        `CAS*CO*45*${dollars(co)}`,
        `CAS*PR*2*${dollars(pr)}`,
        `REF*6R*${line}`,
        `AMT*B6*${dollars(paid + pr)}`,
      );
  }
  const segments = [`ST*835*0001`, ...body, `SE*${body.length + 2}*0001`];
  return [
    'ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*MAPLEST01      *250314*0930*^*00501*000000001*0*P*:',
    'GS*HP*ACMEHEALTH*MAPLEST01*20250314*0930*1*X*005010X221A1',
    ...segments,
    'GE*1*1',
    'IEA*1*000000001',
  ]
    .map((s) => `${s}~\n`)
    .join('');
}

const submitBody = (id: string): CommandBody => ({
  type: 'SubmitClaim',
  claimId: id,
  patientRef: 'MRN-1',
  providerNpi: '1234567893',
  payerId: 'ACME01',
  diagnoses: ['J20.9'],
  lines: Array.from({ length: LINES }, () => ({
    procedureCode: '99213',
    modifiers: [],
    units: 1,
    chargeCents: LINE_CENTS,
    diagnosisPointers: [1],
    serviceDate: '2025-03-01',
  })),
  payerRules: MEDICARE_RULES,
});

const paymentBody = (): CommandBody => ({
  type: 'RecordPayment',
  paymentId: 'EFT-DIRECT',
  paidDate: '2025-03-14',
  billedCents: LINE_CENTS * LINES,
  paidCents: LINE_CENTS * 0.64 * LINES,
  adjustments: Array.from({ length: LINES }, (_, i) => [
    { groupCode: 'CO' as const, carc: '45', rarcs: [], amountCents: LINE_CENTS * 0.2, lineNumber: i + 1 },
    { groupCode: 'PR' as const, carc: '2', rarcs: [], amountCents: LINE_CENTS * 0.16, lineNumber: i + 1 },
  ]).flat(),
});

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * An 835 of CLAIMS claims (about 10 MB at 5,000) imported on PostgreSQL: the import's rate against the same payments
 * posted through the claim command executor at the same concurrency (what recordPayment does, without the file);
 * the re-import of the same file; and parsing alone.
 */
export async function runRemittanceImportBench(): Promise<void> {
  const database = await createEmptyDatabase(SERVER_URL);
  let app: INestApplicationContext | undefined;
  try {
    const config = loadClaimTrailConfig({
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      PROJECTOR_IN_PROCESS: 'false',
    });
    const logger = createRootLogger('warn', pino.destination({ dest: 2, sync: true }));
    app = await NestFactory.createApplicationContext(
      ClaimTrailModule.forRoot(config, { role: 'cli', logger }),
      {
        logger: false,
      },
    );
    const executor = app.get(ClaimCommandExecutor);
    const importer = app.get(Import835Service);
    const context = { actor: 'bench', occurredAt: '2025-03-02T12:00:00.000Z' };
    const rounds = {
      parse: [] as number[],
      import: [] as number[],
      reimport: [] as number[],
      direct: [] as number[],
    };
    let megabytes = 0;
    let parsedClaims = 0;
    // Rounds on fresh claims each, interleaved, keeping the median: this machine's speed drifts within minutes.
    for (let round = 0; round < ROUNDS; round++) {
      const [imported, direct] = [`IMP${round}`, `DIR${round}`];
      for (const set of [imported, direct]) {
        const ids = Array.from({ length: CLAIMS }, (_, i) => claimId(set, i));
        await mapConcurrent(ids, CONCURRENCY, (id) =>
          executor.execute(id, submitBody(id), context).then(() => undefined),
        );
      }
      const text = remittanceFile(imported, CLAIMS, `EFT-BENCH-${round}`);
      megabytes = Buffer.byteLength(text) / 1e6;
      rounds.parse.push(
        await seconds(async () => {
          const parsed = parse835(text);
          if (!parsed.ok) throw new Error(`bench file does not parse: ${JSON.stringify(parsed.problems[0])}`);
          parsedClaims = parsed.remittances[0]!.claims.length;
        }),
      );
      let report: Awaited<ReturnType<Import835Service['import']>> | undefined;
      rounds.import.push(
        await seconds(async () => {
          report = await importer.import(text, { actor: 'bench' });
        }),
      );
      if (report!.counts.posted !== CLAIMS) throw new Error(`posted ${report!.counts.posted} of ${CLAIMS}`);
      rounds.reimport.push(
        await seconds(async () => {
          report = await importer.import(text, { actor: 'bench' });
        }),
      );
      if (!report!.alreadyImported) throw new Error('the second import posted something');
      const directIds = Array.from({ length: CLAIMS }, (_, i) => claimId(direct, i));
      rounds.direct.push(
        await seconds(() =>
          mapConcurrent(directIds, CONCURRENCY, (id) =>
            executor.execute(id, paymentBody(), { actor: 'bench' }).then(() => undefined),
          ),
        ),
      );
      console.log(
        `  round ${round + 1}: import ${Math.round(CLAIMS / rounds.import.at(-1)!)} claims/s, executor alone ${Math.round(CLAIMS / rounds.direct.at(-1)!)}`,
      );
    }
    const [parseSeconds, importSeconds, reimportSeconds, directSeconds] = [
      median(rounds.parse),
      median(rounds.import),
      median(rounds.reimport),
      median(rounds.direct),
    ];
    const rate = (s: number) => Math.round(CLAIMS / s);
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const postgres = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!
      .server_version;
    await pool.end();
    const generatedAt = new Date().toISOString();
    const results = {
      generatedAt,
      machine: machine(postgres),
      file: {
        claims: parsedClaims,
        serviceLines: parsedClaims * LINES,
        megabytes: Math.round(megabytes * 10) / 10,
      },
      parseOnlyClaimsPerSecond: rate(parseSeconds),
      importClaimsPerSecond: rate(importSeconds),
      directExecutorClaimsPerSecond: rate(directSeconds),
      reimportClaimsPerSecond: rate(reimportSeconds),
      ratioToDirect: Math.round((directSeconds / importSeconds) * 100) / 100,
      targetClaimsPerSecond: TARGET_CLAIMS_PER_SECOND,
      met: rate(importSeconds) >= TARGET_CLAIMS_PER_SECOND,
    };
    const table = [
      `Run ${runStamp(generatedAt)} UTC · ${results.machine.cpus} cores · PostgreSQL ${postgres} · an 835 of ${parsedClaims} claims, ${parsedClaims * LINES} service lines, ${results.file.megabytes} MB · median of ${ROUNDS} rounds`,
      '',
      '| Workload | Claims/s | Seconds | Against the executor alone | Target |',
      '| --- | ---: | ---: | ---: | --- |',
      `| import (parse, check, decide every claim, post, record) | ${results.importClaimsPerSecond} | ${importSeconds.toFixed(2)} | ${results.ratioToDirect.toFixed(2)}x | ≥ ${TARGET_CLAIMS_PER_SECOND} claims/s ${results.met ? 'met' : 'short'} |`,
      `| same payments through the claim command executor, ${CONCURRENCY} at a time (baseline) | ${results.directExecutorClaimsPerSecond} | ${directSeconds.toFixed(2)} | 1.00x | |`,
      `| the same file again (nothing new posted) | ${results.reimportClaimsPerSecond} | ${reimportSeconds.toFixed(2)} | | |`,
      `| parsing and checking the file alone | ${results.parseOnlyClaimsPerSecond} | ${parseSeconds.toFixed(2)} | | |`,
    ].join('\n');
    await publish('remittance-import', results, table);
  } finally {
    await app?.close();
    await database.drop();
  }
}
