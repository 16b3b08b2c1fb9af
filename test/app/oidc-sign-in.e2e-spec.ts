import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApi, freePort, startApiProcess, type ApiProcess } from '../support/api-process.js';
import { hasChromium, launchChromium, screenshot } from '../support/browser.js';
import { processDatabase } from '../support/database-kinds.js';
import { API_RESOURCE, signingKeys, startOidcIssuer, type OidcIssuer } from '../support/oidc-issuer.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLIENT_ID = 'claimtrail-dashboard';

if (!hasChromium)
  console.warn(
    'SKIPPED test/app/oidc-sign-in: no Chromium at /usr/bin/chromium (apt-get install -y chromium)',
  );

// Production sign-in as a billing manager meets it: the built API behind a real OpenID Connect provider
// (node-oidc-provider), the page's authorization code flow with PKCE through the provider's own sign-in and consent
// pages, and the access token it brings back used for every query and for the live subscription.
(hasChromium ? describe : describe.skip)('signing in to /app through the OpenID Connect provider', () => {
  let database: Awaited<ReturnType<typeof processDatabase>> | undefined;
  let idp: OidcIssuer;
  let api: ApiProcess;
  let browser: Browser;
  let base: string;
  const pageErrors: string[] = [];
  const graphqlAuthorizations: (string | undefined)[] = [];

  beforeAll(async () => {
    buildApi();
    execFileSync(process.execPath, ['apps/web/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    idp = await startOidcIssuer(await signingKeys(), { clientId: CLIENT_ID, redirectUri: `${base}/app/` });
    database = await processDatabase();
    api = await startApiProcess({
      ...database.env,
      PORT: String(port),
      AUTH_JWKS_URL: idp.jwksUrl,
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: API_RESOURCE,
      APP_OIDC_CLIENT_ID: CLIENT_ID,
    });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    api?.child.kill('SIGTERM');
    await api?.exited;
    await idp?.close();
    await database?.dispose();
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The provider's development sign-in page asks for a web font; this machine reaches no internet.
    await context.route(/fonts\.googleapis\.com/, (route) => route.abort());
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql')) graphqlAuthorizations.push(request.headers().authorization);
    });
    return { context, page };
  }

  /** The provider's own pages: who is signing in (any password), then consent for the dashboard. */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await screenshot(page, 'oidc-1-provider-sign-in');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it("sends a manager through the provider's code flow and back to the overview, signed in with the provider's token", async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${base}/app/`);
      await page.getByRole('heading', { name: 'Sign in to ClaimTrail' }).waitFor();
      expect(await page.textContent('main')).toContain('127.0.0.1');
      await signInAtProvider(page, 'manager@practice.example');
      await page.waitForURL(`${base}/app/`);
      await page.getByRole('heading', { name: 'AR overview', level: 1 }).waitFor();
      await page.locator('#aging-table').waitFor();
      // The live subscription accepted the same token over the WebSocket.
      await page.locator('.live[data-state="live"]').waitFor();
      expect(await page.textContent('.who')).toContain('manager@practice.example');
      // No code or state left in the address bar to be bookmarked or replayed.
      expect(new URL(page.url()).search).toBe('');
      const tokens = new Set(graphqlAuthorizations);
      expect(tokens.size).toBe(1);
      const [authorization] = tokens;
      const claims = JSON.parse(Buffer.from(authorization!.split('.')[1]!, 'base64url').toString());
      expect(claims).toMatchObject({
        iss: idp.issuer,
        aud: API_RESOURCE,
        sub: 'manager@practice.example',
        client_id: CLIENT_ID,
        roles: ['biller', 'auditor'],
      });
      await screenshot(page, 'oidc-2-signed-in');

      // A reload keeps the session (sessionStorage), without another trip to the provider.
      await page.reload();
      await page.locator('#aging-table').waitFor();
      expect(new URL(page.url()).origin).toBe(base);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to ClaimTrail' }).waitFor();
      expect(await page.evaluate('Object.keys(sessionStorage).filter((k) => k.startsWith("oidc."))')).toEqual(
        [],
      );
    } finally {
      await context.close();
    }
  });

  it('tells someone the provider knows but ClaimTrail gives no role to that they may not see the reports', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${base}/app/`);
      await signInAtProvider(page, 'visitor@practice.example');
      await page.waitForURL(`${base}/app/`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/role|permission|not allowed/i);
      // The live refresh says why it is off, as a status rather than an error in the page.
      const live = page.locator('.live[data-state="off"]');
      await live.waitFor();
      expect(await live.textContent()).toMatch(/Live updates off: Not allowed/);
      await screenshot(page, 'oidc-3-no-role');
    } finally {
      await context.close();
    }
  });

  it('logged no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
