/** docker-compose.yml must be valid: Debian's docker-compose checks it without a Docker engine. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { requireTool } from '../helpers/tools.js';

const compose = requireTool('docker-compose', 'the docker-compose.yml check');

describe.skipIf(!compose)('docker-compose.yml', () => {
  it('passes docker-compose config', () => {
    const out = execFileSync(compose!, ['config', '--services'], {
      encoding: 'utf8',
      env: { ...process.env, TOKEN_SECRET: 'x'.repeat(32) },
    });
    expect(out.split('\n').filter(Boolean).sort()).toEqual(['mongo', 'parley', 'redis']);
  });
});
