/**
 * docker-compose.yml must be valid: Debian's docker-compose checks it without a Docker engine. The
 * resolved file must also have the cluster shape: three Parley replicas on MongoDB and Redis, and
 * a load balancer (deploy/haproxy.cfg) that alone publishes a port, knows every replica, keeps
 * sessions sticky and lets WebSocket upgrades through.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { onPath, requireTool } from '../helpers/tools.js';

const compose = requireTool('docker-compose', 'the docker-compose.yml check');
const REPLICAS = ['parley1', 'parley2', 'parley3'];

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  ports?: Array<{ published: number | string; target: number | string }>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const run = (args: string[]) =>
  execFileSync(compose!, args, { encoding: 'utf8', env: { ...process.env, TOKEN_SECRET: 'x'.repeat(32) } });

describe.skipIf(!compose)('docker-compose.yml', () => {
  it('passes docker-compose config', () => {
    run(['config', '-q']);
    expect(run(['config', '--services']).split('\n').filter(Boolean).sort()).toEqual([
      'balancer',
      'mongo',
      'parley1',
      'parley2',
      'parley3',
      'redis',
    ]);
  });

  it('runs three Parley replicas on the same MongoDB, Redis and token secret, none published', () => {
    const { services } = parse(run(['config'])) as { services: Record<string, Service> };
    for (const name of REPLICAS) {
      const s = services[name]!;
      expect(s.image).toBe('parley:local');
      expect(s.build).toBeTruthy();
      expect(s.environment).toMatchObject({
        NODE_ENV: 'production',
        PORT: '3000',
        MONGO_URL: 'mongodb://mongo:27017/parley?replicaSet=rs0',
        REDIS_URL: 'redis://redis:6379',
        TOKEN_SECRET: 'x'.repeat(32),
      });
      expect(s.ports).toBeUndefined();
      expect(s.healthcheck?.test.join(' ')).toContain('/readyz');
    }
    // One replica seeds an empty database; the others wait for it.
    expect(services.parley1!.depends_on).toMatchObject({
      mongo: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    for (const name of ['parley2', 'parley3'])
      expect(services[name]!.depends_on).toEqual({ parley1: { condition: 'service_healthy' } });
  });

  it('puts an HAProxy balancer in front: the one published port, sticky, WebSocket-ready, every replica', () => {
    const { services } = parse(run(['config'])) as { services: Record<string, Service> };
    const published = Object.entries(services).filter(([, s]) => s.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['balancer']);
    const balancer = services.balancer!;
    expect(balancer.image).toMatch(/^haproxy:/);
    expect(balancer.volumes!.some((v) => /deploy\/haproxy\.cfg:\/usr\/local\/etc\/haproxy\/haproxy\.cfg/.test(v))).toBe(
      true,
    );
    expect(Object.keys(balancer.depends_on!).sort()).toEqual(REPLICAS);
    const [port] = balancer.ports!;
    expect(Number(port!.published)).toBe(3000);

    const cfg = readFileSync(new URL('../../deploy/haproxy.cfg', import.meta.url), 'utf8');
    const lines = cfg.split('\n').map((l) => l.replace(/#.*/, '').trim());
    expect(lines).toContain(`bind :${port!.target}`);
    expect(lines).toContain('mode http');
    // Sticky sessions by an inserted cookie, one value per replica; health by /readyz.
    expect(lines.some((l) => /^cookie \S+ insert\b/.test(l))).toBe(true);
    for (const name of REPLICAS) expect(lines).toContain(`server ${name} ${name}:3000 cookie ${name}`);
    expect(lines).toContain('http-check send meth GET uri /readyz');
    // Upgraded connections (WebSocket) outlive the HTTP timeouts.
    expect(lines.some((l) => /^timeout tunnel \d+[smh]$/.test(l))).toBe(true);
  });

  it.skipIf(!onPath('haproxy'))('deploy/haproxy.cfg passes haproxy -c', () => {
    const cfg = new URL('../../deploy/haproxy.cfg', import.meta.url).pathname;
    expect(() => execFileSync('haproxy', ['-c', '-f', cfg], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
  });
});
