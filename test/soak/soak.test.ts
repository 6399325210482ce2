/**
 * A one-minute soak (bench/soak) in the server suite: a Parley child process under the whole mix
 * (discussion, moderation, debates, live summary edits, readers coming, going and dropping), then
 * every check of `npm run soak`. One minute is too short to judge memory slopes (the report says
 * "not judged"); the 15-minute run judges them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSoak } from '../../bench/soak/run.js';

const resultsDir = mkdtempSync(join(tmpdir(), 'parley-soak-results-'));
afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

describe('npm run soak', () => {
  it('keeps every acknowledged write, every steady reader and every summary copy equal to the store through a minute of mixed load', async () => {
    const progress: string[] = [];
    const report = await runSoak({ minutes: 1, resultsDir, print: (line) => progress.push(line) });

    const failed = report.checks.filter((c) => c.passed === false);
    expect(
      failed.map((c) => `${c.name}: ${c.detail}\n  ${c.problems.join('\n  ')}`),
      progress.join('\n'),
    ).toEqual([]);
    expect(report.errorSamples).toEqual([]);

    // The mix really ran: every kind of actor acted, and each kind of drop happened and came back.
    for (const kind of [
      'comment:create',
      'comment:reply',
      'comment:edit',
      'vote:cast',
      'comment:report',
      'mod:remove',
      'debate:vote',
      'debate:start',
      'debate:ask',
      'collab:edit',
      'collab:reconnect',
      'reader:join',
      'reader:transport-drop',
      'reader:disconnect',
      'reader:session-new',
    ])
      expect(report.kinds[kind]?.ok ?? 0, kind).toBeGreaterThan(0);
    expect(report.memory.samples.length).toBeGreaterThanOrEqual(10);
    expect(report.memory.samples.every((s) => s.rssMB > 0 && s.heapMB > 0)).toBe(true);
    expect(readFileSync(join(resultsDir, 'soak.md'), 'utf8')).toContain('## Checks');
    expect(existsSync(join(resultsDir, 'soak-memory.svg'))).toBe(true);
  }, 300_000);
});
