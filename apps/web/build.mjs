// npm run build: the dashboard bundled into dist/apps/web for the API to serve at /app. Every asset is named by
// its content hash, so the API can let browsers keep it for a year; index.html itself is revalidated.
import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const outdir = join(root, 'dist/apps/web');

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
const result = await build({
  entryPoints: { app: join(root, 'apps/web/src/main.ts'), styles: join(root, 'apps/web/src/styles.css') },
  outdir,
  bundle: true,
  minify: true,
  splitting: true,
  chunkNames: '[name]-[hash]',
  format: 'esm',
  target: ['chrome110', 'firefox115', 'safari16'],
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
const [scriptPath, scriptOutput] = Object.entries(result.metafile.outputs).find(([file]) =>
  /^app-.*\.js$/.test(basename(file)),
);
const styles = outputs.filter((file) => file.endsWith('.css'));
// The chunks the script imports at once are fetched beside it, not after it has been parsed.
const preloads = scriptOutput.imports
  .filter((entry) => entry.kind === 'import-statement')
  .map((entry) => `<link rel="modulepreload" href="./${basename(entry.path)}" />`);
const links = [...styles.map((file) => `<link rel="stylesheet" href="./${file}" />`), ...preloads].join(
  '\n    ',
);
const template = await readFile(join(root, 'apps/web/src/index.html'), 'utf8');
await writeFile(
  join(outdir, 'index.html'),
  template
    .replace('<link rel="stylesheet" href="./%STYLES%" />', links)
    .replace('%SCRIPT%', basename(scriptPath)),
);
const sizes = Object.entries(result.metafile.outputs).map(
  ([file, { bytes }]) => `${basename(file)} ${bytes} B`,
);
console.log(`dashboard: ${sizes.join(', ')}`);
