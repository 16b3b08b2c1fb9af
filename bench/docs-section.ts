import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';

/** The load average at the end of a suite: the machine is shared, and other work there moves every number. */
export const machine = (postgres: string) => ({
  cpus: cpus().length,
  node: process.version,
  postgres,
  loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
});

/** Writes bench/results/<name>.json and replaces the table between the docs' <!-- bench:<name> --> markers. */
export async function publish(name: string, report: object, table: string): Promise<void> {
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/${name}.json`, JSON.stringify(report, null, 2) + '\n');
  const docs = 'docs/performance.md';
  const current = await readFile(docs, 'utf8');
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const section = `${start}\n\n${table}\n\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*${end}`);
  await writeFile(
    docs,
    pattern.test(current) ? current.replace(pattern, section) : `${current}\n${section}\n`,
  );
  console.log(table);
}

export const runStamp = (at: string) => at.slice(0, 16).replace('T', ' ');
