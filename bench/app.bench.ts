import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { ApiProcess } from './api-process.js';
import type { ClaimsBook } from './claims-book.js';
import { machine, publish, runStamp } from './docs-section.js';
import { latency, type Latency } from './stats.js';

const ROUNDS = Number(process.env.BENCH_APP_ROUNDS ?? 7);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGET_MS = 1_000;

interface Load {
  responseEndMs: number;
  domContentLoadedMs: number;
  overviewRenderedMs: number;
  requests: number;
}

/**
 * The dashboard's first load as a billing manager's browser sees it: a fresh browser context each round (nothing
 * cached), from navigation start to the AR overview on screen (the page's own performance mark), read with the
 * Performance API. The bench API runs in production mode behind a JWKS, so the page is handed the bench's token as
 * a development sign-in (config.json answered by the bench): the rest is the page and the API as they ship.
 */
export async function runAppBench(book: ClaimsBook, api: ApiProcess): Promise<void> {
  if (!existsSync(CHROMIUM)) return console.log(`SKIPPED app: no Chromium at ${CHROMIUM}`);
  execFileSync(process.execPath, ['apps/web/build.mjs'], { stdio: 'inherit' });
  const base = api.url.replace(/\/graphql$/, '');
  const token = api.authorization.replace(/^Bearer /, '');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  const cold: Load[] = [];
  const warm: Load[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const context = await browser.newContext();
      await context.addInitScript({
        content: `sessionStorage.setItem('claimtrail.devToken', ${JSON.stringify(token)})`,
      });
      await context.route('**/app/config.json', (route) =>
        route.fulfill({ json: { signIn: 'development-token' } }),
      );
      const page = await context.newPage();
      for (const loads of [cold, warm]) {
        await page.goto(`${base}/app/`);
        await page.locator('#aging-table').waitFor({ timeout: 60_000 });
        loads.push(
          // Evaluated in the page (a string: the bench compiles without the DOM's types).
          await page.evaluate<Load>(`(() => {
            const nav = performance.getEntriesByType('navigation')[0];
            return {
              responseEndMs: nav.responseEnd,
              domContentLoadedMs: nav.domContentLoadedEventEnd,
              overviewRenderedMs: performance.getEntriesByName('claimtrail:view-rendered')[0].startTime,
              requests: performance.getEntriesByType('resource').length + 1,
            };
          })()`),
        );
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const summary = (loads: Load[]) => ({
    overviewRendered: latency(loads.map((l) => l.overviewRenderedMs)),
    domContentLoaded: latency(loads.map((l) => l.domContentLoadedMs)),
    requests: loads[0]!.requests,
  });
  const at = new Date().toISOString();
  const report = {
    at,
    machine: machine(book.serverVersion),
    claims: book.stats.claims,
    events: book.stats.events,
    rounds: ROUNDS,
    targetMs: TARGET_MS,
    cold: summary(cold),
    warm: summary(warm),
  };
  const row = (name: string, s: { overviewRendered: Latency; domContentLoaded: Latency; requests: number }) =>
    `| ${name} | ${s.domContentLoaded.p50.toFixed(0)} | ${s.overviewRendered.p50.toFixed(0)} | ${s.overviewRendered.max.toFixed(0)} | ${s.requests} | ${s.overviewRendered.max < TARGET_MS ? '< 1 s met' : '< 1 s short'} |`;
  await publish(
    'app',
    report,
    [
      `Run ${runStamp(at)} UTC · ${report.machine.cpus} cores · Node ${process.version} · ${book.serverVersion.split(' on ')[0]} · ${book.stats.claims} claims, ${book.stats.events} events · ${ROUNDS} rounds · headless Chromium · load average ${report.machine.loadAverage[0]} at the end`,
      '',
      '| First load of /app (AR overview) | DOMContentLoaded p50 ms | overview rendered p50 ms | overview rendered max ms | requests | Target |',
      '| --- | ---: | ---: | ---: | ---: | --- |',
      row('cold (new browser context, nothing cached)', report.cold),
      row('warm (reload, assets cached)', report.warm),
    ].join('\n'),
  );
}
