import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClaimTrailModule, loadClaimTrailConfig } from '@claimtrail/composition';
import { createRootLogger } from '@claimtrail/platform';
import { ProjectorService, type ProjectionRunner } from '@claimtrail/projections';
import pg from 'pg';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import type { BookStats } from './book.js';
import { loadBook } from './load-book.js';
import { SERVER_URL } from './bench-database.js';

export const BENCH_CLAIMS = Number(process.env.BENCH_CLAIMS ?? 200_000);
export const BENCH_SEED = Number(process.env.BENCH_SEED ?? 9);

/** A database of its own holding a generated book, and the application's projection runners over it. */
export interface ClaimsBook {
  url: string;
  pool: pg.Pool;
  serverVersion: string;
  now: Date;
  stats: BookStats;
  loadSeconds: number;
  app: INestApplicationContext;
  dataSource: DataSource;
  runners: ProjectionRunner[];
  /** Events per batch the runners read and apply (PROJECTION_BATCH_SIZE). */
  batchSize: number;
  close(): Promise<void>;
}

/** BENCH_REUSE_DATABASE names a book kept by an earlier run (BENCH_KEEP_DATABASE=1): no load, and kept again. */
const REUSE = process.env.BENCH_REUSE_DATABASE;
const KEEP = REUSE !== undefined || process.env.BENCH_KEEP_DATABASE === '1';

export async function openClaimsBook(): Promise<ClaimsBook> {
  if (REUSE !== undefined && !/^claimtrail_bench_[0-9a-f]+$/.test(REUSE))
    throw new Error('BENCH_REUSE_DATABASE must name a claimtrail_bench_ database');
  const name = REUSE ?? `claimtrail_bench_${randomBytes(5).toString('hex')}`;
  if (REUSE === undefined) {
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  }
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const drop = async () => {
    if (KEEP) return console.log(`Kept the database ${name}`);
    const client = new pg.Client({ connectionString: SERVER_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
  try {
    // The CLI's composition (no HTTP, projections not running by themselves): every migration, the real runners.
    const config = loadClaimTrailConfig({
      DATABASE_URL: url.toString(),
      LOG_LEVEL: 'warn',
      PROJECTION_BATCH_SIZE: process.env.PROJECTION_BATCH_SIZE,
    });
    const logger = createRootLogger(config.logging.level, pino.destination({ dest: 2, sync: true }));
    const app = await NestFactory.createApplicationContext(
      ClaimTrailModule.forRoot(config, { role: 'cli', logger }),
      { logger: false },
    );
    const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
    let now = new Date();
    let stats: BookStats;
    let loadSeconds = 0;
    if (REUSE === undefined) {
      console.log(`Loading a book of ${BENCH_CLAIMS} claims into ${name}...`);
      const started = performance.now();
      stats = await loadBook(pool, { claims: BENCH_CLAIMS, seed: BENCH_SEED, now });
      loadSeconds = (performance.now() - started) / 1000;
      console.log(`  ${stats.events} events in ${loadSeconds.toFixed(1)} s (${stats.refused} steps refused)`);
    } else {
      const { rows } = await pool.query<{ claims: number; events: number; now: Date }>(
        `SELECT count(DISTINCT stream_name)::int AS claims, count(*)::int AS events, max(recorded_at) AS now
         FROM events WHERE stream_name LIKE 'claim-CLM-%'`,
      );
      stats = { claims: rows[0]!.claims, events: rows[0]!.events, refused: 0 };
      now = new Date();
      console.log(`Reusing ${name}: ${stats.claims} claims, ${stats.events} events`);
    }
    const { rows } = await pool.query<{ server_version: string }>('SHOW server_version');
    return {
      url: url.toString(),
      pool,
      serverVersion: rows[0]!.server_version,
      now,
      stats,
      loadSeconds,
      app,
      dataSource: app.get(DataSource),
      runners: app.get(ProjectorService).runners,
      batchSize: config.projector.batchSize,
      close: async () => {
        await app.close();
        await pool.end();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}
