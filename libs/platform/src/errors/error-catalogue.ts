import { API_ERROR_CODES, type ApiErrorCode } from './api-error-code.js';
import type { ErrorMapping } from './error-mapping.js';
import { GRAPHQL_REQUEST_CODES } from './graphql-error-formatter.js';

/** Every code and reason the API can answer with, as a Markdown table, from the mappings the formatter applies. */
export function errorCatalogueMarkdown(mappings: readonly ErrorMapping[]): string {
  const reasons = mappings.flatMap((mapping) => mapping.reasons);
  const rows = (Object.keys(API_ERROR_CODES) as ApiErrorCode[]).flatMap((code) => [
    `| \`${code}\` | | ${API_ERROR_CODES[code]} |`,
    ...reasons
      .filter((r) => r.code === code && code !== 'INTERNAL_SERVER_ERROR')
      .map((r) => `| | \`${r.reason}\` | ${r.meaning} |`),
  ]);
  const passedThrough = Object.entries(GRAPHQL_REQUEST_CODES).map(
    ([code, meaning]) => `| \`${code}\` | | ${meaning} Nothing was run. |`,
  );
  return [
    '| `extensions.code` | `extensions.reason` | meaning |',
    '| --- | --- | --- |',
    ...rows,
    ...passedThrough,
  ].join('\n');
}
