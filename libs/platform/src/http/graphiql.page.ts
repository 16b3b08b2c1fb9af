import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const ASSETS = '/graphiql-assets';

// Served from the installed packages rather than a CDN, so the IDE works on a machine with no internet.
const page = (endpoint: string) => `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>ClaimTrail GraphiQL</title>
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
    <link rel="stylesheet" href="${ASSETS}/graphiql.min.css" />
    <script src="${ASSETS}/react.production.min.js"></script>
    <script src="${ASSETS}/react-dom.production.min.js"></script>
    <script src="${ASSETS}/graphiql.min.js"></script>
  </head>
  <body>
    <div id="graphiql">Loading...</div>
    <script>
      const fetcher = GraphiQL.createFetcher({ url: '${endpoint}' });
      ReactDOM.createRoot(document.getElementById('graphiql')).render(
        React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: true }),
      );
    </script>
  </body>
</html>`;

/** GraphiQL at GET /graphql for browsers; API clients (no text/html in Accept) pass through to Apollo. */
export function graphiqlRouter(endpoint = '/graphql'): Router {
  const router = express.Router();
  const files: Record<string, string> = {
    'graphiql.min.css': join(packageDir('graphiql'), 'graphiql.min.css'),
    'graphiql.min.js': join(packageDir('graphiql'), 'graphiql.min.js'),
    'react.production.min.js': join(packageDir('react'), 'umd/react.production.min.js'),
    'react-dom.production.min.js': join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  };
  router.get(`${ASSETS}/:file`, (req: Request, res: Response, next: NextFunction) => {
    const file = files[String(req.params.file)];
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d' });
  });
  router.get(endpoint, (req: Request, res: Response, next: NextFunction) => {
    if (
      !req.accepts(['application/json', 'text/html']) ||
      req.accepts(['application/json', 'text/html']) !== 'text/html'
    )
      return next();
    res.type('html').send(page(endpoint));
  });
  return router;
}
