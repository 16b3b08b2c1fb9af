import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestApi, type TestApi } from '../support/api-harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const IDP = { AUTH_JWKS_URL: 'https://idp.example.org/jwks', AUTH_ISSUER: 'https://idp.example.org/' };

// /app over plain HTTP: what the API serves, with which headers, and how it tells the page to sign in.
describe('the dashboard page at /app', () => {
  beforeAll(() => execFileSync(process.execPath, ['apps/web/build.mjs'], { cwd: ROOT, stdio: 'ignore' }));

  describe('locally, without an identity provider', () => {
    let api: TestApi;
    let base: string;
    beforeAll(async () => {
      api = await startTestApi();
      base = api.url.replace(/\/graphql$/, '');
    });
    afterAll(async () => api?.close());

    it('redirects /app to /app/, whose relative asset links need the slash', async () => {
      const response = await fetch(`${base}/app`, { redirect: 'manual' });
      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe('/app/');
    });

    it('serves the page revalidated, with a policy that allows no inline script or style and no other origin', async () => {
      const response = await fetch(`${base}/app/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("connect-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe');
      const html = await response.text();
      expect(html).not.toMatch(/<script>|<style>|style=|https?:\/\//);
    });

    it('serves the hashed assets it links, cacheable for a year, with their content types', async () => {
      const html = await (await fetch(`${base}/app/`)).text();
      const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
      expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
      expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
      for (const asset of assets) {
        const response = await fetch(`${base}/app/${asset}`);
        expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
        expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(response.headers.get('content-type')).toMatch(
          asset.endsWith('.js') ? /javascript/ : /^text\/css/,
        );
      }
    });

    it('tells the page to ask for a development token', async () => {
      const response = await fetch(`${base}/app/config.json`);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ signIn: 'development-token' });
    });
  });

  describe('with an identity provider', () => {
    const apis: TestApi[] = [];
    afterAll(async () => Promise.all(apis.map((api) => api.close())));
    const config = async (env: NodeJS.ProcessEnv) => {
      const api = await startTestApi(env);
      apis.push(api);
      const response = await fetch(api.url.replace(/\/graphql$/, '/app/config.json'));
      return { body: await response.json(), csp: response.headers.get('content-security-policy')! };
    };

    it("hands the page the provider, its client and the API's audience for the code flow, and lets it reach the provider", async () => {
      const { body, csp } = await config({
        ...IDP,
        AUTH_AUDIENCE: 'urn:claimtrail:api',
        APP_OIDC_CLIENT_ID: 'dash',
      });
      expect(body).toEqual({
        signIn: 'oidc',
        authority: 'https://idp.example.org/',
        clientId: 'dash',
        scope: 'openid',
        resource: 'urn:claimtrail:api',
      });
      expect(csp).toContain("connect-src 'self' https://idp.example.org;");
    });

    it('offers no development sign-in when no client is configured: it says what is missing', async () => {
      expect((await config(IDP)).body).toEqual({
        signIn: 'unavailable',
        reason: 'APP_OIDC_CLIENT_ID is not set on the API',
      });
    });
  });

  it('is not served with APP_ENABLED=false', async () => {
    const api = await startTestApi({ APP_ENABLED: 'false' });
    try {
      expect((await fetch(api.url.replace(/\/graphql$/, '/app/'))).status).toBe(404);
    } finally {
      await api.close();
    }
  });
});
