import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { recordPayment } from '@claimtrail/claims/testing';
import type { Browser, Page } from 'playwright-core';
import { buildApi, runCli, startApiProcess, type ApiProcess } from '../support/api-process.js';
import { processDatabase } from '../support/database-kinds.js';
import { accessibilityViolations, hasChromium, launchChromium, screenshot } from '../support/browser.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';
import { bearer, testToken } from '../support/test-tokens.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The page asks for no list longer than its largest page (a claim's history, 100 events).
const LARGEST_PAGE = 100;

if (!hasChromium)
  console.warn('SKIPPED test/app/dashboard: no Chromium at /usr/bin/chromium (apt-get install -y chromium)');

// The dashboard as a billing manager uses it: the built API serving /app on the demo book `claimtrail seed` wrote,
// driven through a real headless Chromium; the numbers on the page are checked against the GraphQL API itself.
(hasChromium ? describe : describe.skip)('the dashboard at /app, in a browser, on the demo book', () => {
  let database: Awaited<ReturnType<typeof processDatabase>> | undefined;
  let api: ApiProcess;
  let browser: Browser;
  let page: Page;
  let actor: string;
  let base: string;
  const longestLists: number[] = [];
  const pageErrors: string[] = [];
  const inaccessible = new Map<string, string[]>();

  /** A screen as the reader of the CI output sees it, and what axe-core finds on it. */
  const capture = async (name: string) => {
    await screenshot(page, name);
    const violations = await accessibilityViolations(page);
    if (violations.length > 0) inaccessible.set(name, violations);
  };

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await bearer()) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  const longestList = (value: unknown): number =>
    Array.isArray(value)
      ? Math.max(value.length, ...value.map(longestList))
      : value && typeof value === 'object'
        ? Math.max(0, ...Object.values(value).map(longestList))
        : 0;

  /** The aging table on the page: payer → bucket column → cents. */
  const agingOnPage = () =>
    page.$$eval('#aging-table tbody tr', (rows) =>
      rows.map((row) => ({
        payer: row.querySelector('th')!.textContent,
        cents: [...row.querySelectorAll('[data-cents]')].map((cell) =>
          Number(cell.getAttribute('data-cents')),
        ),
      })),
    );

  const agingFromApi = async (asOf: string) => {
    const { agingReport } = await gql(
      `query ($asOf: String!) { agingReport(asOf: $asOf, groupBy: PAYER) {
        groups { key buckets { bucket totalCents } total { totalCents } }
        total { buckets { bucket totalCents } total { totalCents } } } }`,
      { asOf },
    );
    const BUCKETS = ['DAYS_0_30', 'DAYS_31_60', 'DAYS_61_90', 'DAYS_91_120', 'OVER_120'];
    const row = (g: any) => [
      ...BUCKETS.map((b) => g.buckets.find((x: any) => x.bucket === b)?.totalCents ?? 0),
      g.total.totalCents,
    ];
    return {
      payers: new Map<string, number[]>(agingReport.groups.map((g: any) => [g.key, row(g)])),
      total: row(agingReport.total),
    };
  };

  const expectAgingMatches = async (asOf: string) => {
    const fromApi = await agingFromApi(asOf);
    const shown = await agingOnPage();
    const totalRow = shown.pop()!;
    expect(totalRow).toEqual({ payer: 'All payers', cents: fromApi.total });
    expect(new Map(shown.map((r) => [r.payer, r.cents]))).toEqual(fromApi.payers);
    return fromApi;
  };

  beforeAll(async () => {
    buildApi('cli');
    execFileSync(process.execPath, ['apps/web/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    database = await processDatabase();
    const env = database.env;
    const cli = (...args: string[]) => runCli(env, ...args);
    await cli('seed', '--claims', '120', '--seed', '7');
    await cli('projections', 'catch-up');
    api = await startApiProcess(env);
    base = api.url.replace(/\/graphql$/, '');
    // The manager signs in as the biller with the most open work, so that "only mine" has rows.
    const { worklist } = await gql('{ worklist(first: 200) { edges { node { assignee } } } }');
    const counts = new Map<string, number>();
    for (const { node } of worklist.edges)
      if (node.assignee) counts.set(node.assignee, (counts.get(node.assignee) ?? 0) + 1);
    actor = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    browser = await launchChromium();
    // A context of its own: axe-core opens a page beside this one to put its results together.
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('response', async (response) => {
      if (!response.url().endsWith('/graphql')) return;
      longestLists.push(longestList(await response.json().catch(() => null)));
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    api?.child.kill('SIGTERM');
    await api?.exited;
    await database?.dispose();
  });

  it('signs in with a development token and opens on the AR overview', async () => {
    await page.goto(`${base}/app`);
    await page.getByLabel('Development token').waitFor();
    await capture('1-sign-in');
    await page.getByLabel('Development token').fill(await testToken(actor, ['biller', 'auditor']));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'AR overview', level: 1 }).waitFor();
    await page.locator('#aging-table').waitFor();
    await page.locator('.live[data-state="live"]').waitFor();
    await capture('2-overview');
  });

  it('shows the same aging, payer by payer and bucket by bucket, as the agingReport query', async () => {
    const asOf = await page.inputValue('#as-of');
    const { total } = await expectAgingMatches(asOf);
    expect(total[5]).toBeGreaterThan(0);
  });

  it('shows the aging as of another day (a month end) when it is picked', async () => {
    const monthEnd = (await page.$eval('#month-end option:nth-child(3)', (o) => o.getAttribute('value')))!;
    await page.selectOption('#month-end', monthEnd);
    await page.getByRole('heading', { name: `Aging by payer as of ${monthEnd}` }).waitFor();
    await expectAgingMatches(monthEnd);
    await capture('3-overview-month-end');
  });

  it('shows each KPI with its numerator and denominator on keyboard focus', async () => {
    const card = page.locator('[data-kpi="Days in AR"]');
    await card.focus();
    await expect(card.locator('.kpi-parts').isVisible()).resolves.toBe(true);
    expect(await card.locator('.kpi-parts').textContent()).toMatch(/÷/);
  });

  it('shows denial trends and payer response times, each chart with its table', async () => {
    await page.getByRole('link', { name: 'Denial trends' }).click();
    await page.getByRole('heading', { name: 'Denial trends', level: 1 }).waitFor();
    await page.getByRole('table', { name: /Denials, appeals and overturns by reason/ }).waitFor();
    await capture('4-denials');
    await page.getByRole('link', { name: 'Payer response' }).click();
    await page.getByRole('heading', { name: 'Payer response times', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Payer response times in days' }).waitFor();
    await capture('5-payer-response');
  });

  it("opens a claim from the signed-in user's worklist, with its whole history", async () => {
    await page.getByRole('link', { name: 'Worklist' }).click();
    await page.getByRole('heading', { name: 'Worklist', level: 1 }).waitFor();
    const firstClaim = page.locator('table.worklist tbody tr a').first();
    await firstClaim.waitFor();
    const assignees = await page.$$eval('table.worklist tbody tr td:last-child', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(new Set(assignees)).toEqual(new Set([actor]));
    await capture('6-worklist');
    const claimId = (await firstClaim.textContent())!;
    // By keyboard, as the worklist is meant to be used.
    await firstClaim.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Claim ${claimId}`, level: 1 }).waitFor();
    const { claimHistoryPage } = await gql(
      `query ($id: ID!) { claimHistoryPage(id: $id, first: 100) { edges { node { type } } } }`,
      { id: claimId },
    );
    const timeline = await page.$$eval('ol.timeline li', (items) => items.map((li) => li.dataset.type));
    expect(timeline).toEqual(claimHistoryPage.edges.map((e: any) => e.node.type));
    await capture('7-claim');
  });

  it('shows a payment another client records, without a reload', async () => {
    const input = submitClaimInput();
    const claimId = input.claimId as string;
    await gql(SUBMIT_CLAIM, { input });
    await page.evaluate(`location.hash = '#/claim/${claimId}'`);
    await page.getByText('No payment yet.').waitFor();
    // Set on this document only: still there afterwards means the page was not reloaded.
    await page.evaluate('window.sameDocument = true');
    const { type: _type, ...payment } = recordPayment({
      paymentId: 'EFT-LIVE-1',
      occurredAt: new Date().toISOString(),
      paidDate: new Date().toISOString().slice(0, 10),
    });
    await gql(`mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { version } }`, {
      input: { ...payment, claimId },
    });
    await page.locator('table.payments').getByText('EFT-LIVE-1').waitFor({ timeout: 15_000 });
    expect(await page.evaluate('window.sameDocument')).toBe(true);
    await capture('8-claim-live-payment');
  });

  it('broke no WCAG 2.1 A or AA rule that axe-core checks, on any screen', () => {
    expect(inaccessible).toEqual(new Map());
  });

  it('asked for no more than one page of rows in any request, and logged no error', () => {
    expect(longestLists.length).toBeGreaterThan(5);
    expect(Math.max(...longestLists)).toBeLessThanOrEqual(LARGEST_PAGE);
    expect(pageErrors).toEqual([]);
  });
});
