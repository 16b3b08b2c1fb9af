import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { authErrorMappings, errorCatalogueMarkdown, platformErrorMapping } from '@claimtrail/platform';
import { ERROR_MAPPINGS } from './claimtrail.module.js';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const START = '<!-- error-codes:start (npm run docs:errors) -->';
const END = '<!-- error-codes:end -->';

/** Prettier pads Markdown tables; what they say does not change. */
const unpadded = (markdown: string) =>
  markdown
    .split('\n')
    .map((line) => line.replace(/\s*\|\s*/g, '|').replace(/-{3,}/g, '---'))
    .join('\n')
    .trim();

describe('the error catalogue in the README', () => {
  it('lists every code and reason the API can answer with, as the code defines them', () => {
    const readme = readFileSync(README, 'utf8');
    const from = readme.indexOf(START);
    const to = readme.indexOf(END);
    expect(from).toBeGreaterThan(0);
    const generated = `${START}\n\n${errorCatalogueMarkdown([platformErrorMapping, ...authErrorMappings, ...ERROR_MAPPINGS])}\n\n`;
    if (process.env.UPDATE_DOCS) writeFileSync(README, readme.slice(0, from) + generated + readme.slice(to));
    else expect(unpadded(readme.slice(from, to))).toBe(unpadded(generated));
  });
});
