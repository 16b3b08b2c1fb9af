import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

// The image itself is built by .ci/run where a Docker daemon runs; these checks keep its recipe in step with the
// repository everywhere else.
describe('the container image recipe', () => {
  it('installs every workspace: npm ci refuses a lock file naming a workspace it cannot find', () => {
    const dockerfile = read('docker/Dockerfile');
    const libs = readdirSync(join(ROOT, 'libs'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    for (const lib of libs) expect(dockerfile).toContain(`COPY libs/${lib}/package.json libs/${lib}/`);
  });

  it('runs each app it names, as an unprivileged user', () => {
    const entrypoint = read('docker/entrypoint.sh');
    for (const app of ['api', 'projector', 'cli']) {
      expect(entrypoint).toContain(`${app}) exec node "$app"/dist/apps/${app}/main.js "$@"`);
      expect(readdirSync(join(ROOT, 'apps', app, 'src'))).toContain('main.ts');
    }
    expect(read('docker/Dockerfile')).toMatch(/^USER node$/m);
  });

  it('composes an api and two projector workers sharing partitions', () => {
    const compose = read('docker/docker-compose.yml');
    expect(compose).toMatch(/projector:[\s\S]*command: \['projector'\][\s\S]*replicas: 2/);
    expect(compose).toMatch(/PROJECTOR_PARTITIONS: '\d+'/);
  });
});
