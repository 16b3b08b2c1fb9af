import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import express, { type Request, type Response, type Router } from 'express';

/** What the page reads from /app/config.json to know how to sign in. */
export type WebAppClientConfig =
  | { signIn: 'development-token' }
  | { signIn: 'oidc'; authority: string; clientId: string; scope: string; resource: string }
  | { signIn: 'unavailable'; reason: string };

export interface WebAppOptions {
  /** The directory `npm run build` writes the page to. */
  dir: string;
  client: WebAppClientConfig;
}

const BASE = '/app';
// esbuild names every asset by its content hash, so a cached copy can never be stale.
const HASHED = /-[A-Z0-9]{8}\.(js|css)$/;

function contentSecurityPolicy(client: WebAppClientConfig): string {
  // The token endpoint and discovery document are fetched from the page; nothing else leaves the origin.
  const provider = client.signIn === 'oidc' ? ` ${new URL(client.authority).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${provider}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The dashboard at /app: the page npm run build wrote, no CDN, scripts and styles only from files of its own. */
export function webAppRouter(options: WebAppOptions): Router {
  const router = express.Router();
  const csp = contentSecurityPolicy(options.client);
  router.use(BASE, (_req: Request, res: Response, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  // Relative asset URLs in the page need the trailing slash; the route also matches /app/ itself, which goes on.
  router.get(BASE, (req: Request, res: Response, next) =>
    req.path === BASE ? res.redirect(301, `${BASE}/`) : next(),
  );
  router.get(`${BASE}/config.json`, (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(options.client);
  });
  if (!existsSync(join(options.dir, 'index.html'))) {
    router.get(`${BASE}/`, (_req: Request, res: Response) => {
      res.status(503).type('text').send('The dashboard is not built: run npm run build.');
    });
    return router;
  }
  router.use(
    BASE,
    express.static(options.dir, {
      index: 'index.html',
      redirect: false,
      dotfiles: 'ignore',
      setHeaders(res, path) {
        res.setHeader(
          'Cache-Control',
          HASHED.test(basename(path)) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  return router;
}
