import { readFile } from 'node:fs/promises';

// Summarises a V8 .cpuprofile (node --cpu-prof): self time by package and the top functions, so that
// docs/performance.md can say where an API process spends its CPU. Usage: node dist/bench/profile-summary.js <file>
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function owner(url: string): string {
  if (!url) return '(native or V8)';
  if (url.startsWith('node:')) return 'node core';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1]!;
  const lib = /\/(libs|apps)\/([^/]+)\//.exec(url);
  if (lib) return `claimtrail ${lib[2]}`;
  return url;
}

export function summarise(profile: Profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  let idle = 0;
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id)!;
    if (callFrame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    total += micros;
    const pkg = callFrame.functionName.startsWith('(') ? callFrame.functionName : owner(callFrame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
    const name = `${callFrame.functionName || '(anonymous)'} ${owner(callFrame.url)}:${callFrame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  }
  const share = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({
        name,
        ms: Math.round(micros / 1000),
        percent: Math.round((micros / total) * 1000) / 10,
      }));
  return {
    busyMs: Math.round(total / 1000),
    idleMs: Math.round(idle / 1000),
    packages: share(packages),
    functions: share(functions),
  };
}

if (process.argv[2]) {
  const summary = summarise(
    JSON.parse(await readFile(process.argv[2], 'utf8')) as Profile,
    Number(process.argv[3] ?? 25),
  );
  console.log(`busy ${summary.busyMs} ms, idle ${summary.idleMs} ms`);
  for (const p of summary.packages) console.log(`${String(p.percent).padStart(5)}%  ${p.name}`);
  console.log('');
  for (const f of summary.functions) console.log(`${String(f.percent).padStart(5)}%  ${f.name}`);
}
