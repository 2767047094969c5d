import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const MAIN = resolve(process.cwd(), 'dist/src/main.js');

describe('Starting Guichet with a bad setting', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  });

  it.each([
    ['PORT', 'not-a-port'],
    ['DATABASE_URL', 'nonsense'],
    ['LOGIN_RATE_LIMIT', '-3'],
  ])('exits with one clear line naming %s', (name, value) => {
    const run = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, [name]: value },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${name} `));
  });
});
