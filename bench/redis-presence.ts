/**
 * npm run bench:presence — what one reader count costs Redis when an article is read through many
 * processes, for docs/SCALING.md. server/bus/readers.ts keeps one Redis set of readers per
 * (article, process) and counts the union (SUNION) of the live sets; this times that union on a
 * redis-server of its own for several reader and process counts (in Lua as readers.ts does it,
 * and as SUNIONSTORE, which spares Lua the members), next to the HyperLogLog
 * alternative (PFCOUNT over per-process HLLs), which costs the same whatever the readers.
 *
 * Writes bench/results/redis-presence.json and redis-presence.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createClient } from 'redis';
import { startRedis } from '../test/helpers/redis-server.js';

const CASES: Array<{ readers: number; processes: number }> = [
  { readers: 1_000, processes: 3 },
  { readers: 10_000, processes: 3 },
  { readers: 10_000, processes: 30 },
  { readers: 100_000, processes: 30 },
  { readers: 100_000, processes: 300 },
];
const REPEAT = 20;

const UNION = `
local live = {}
for i = 1, tonumber(ARGV[1]) do live[#live + 1] = KEYS[1] .. '|' .. i end
return #redis.call('SUNION', unpack(live))`;

// The same union without handing it to Lua: stored, then counted.
const UNION_STORE = `
local live = {}
for i = 1, tonumber(ARGV[1]) do live[#live + 1] = KEYS[1] .. '|' .. i end
local n = redis.call('SUNIONSTORE', KEYS[1] .. ':tmp', unpack(live))
redis.call('DEL', KEYS[1] .. ':tmp')
return n`;

const redis = await startRedis();
const client = createClient({ url: redis.url });
await client.connect();
const rows = [];
try {
  for (const { readers, processes } of CASES) {
    await client.flushAll();
    const base = `parley:readers:bench`;
    // Readers spread evenly over the processes, each reader through one process.
    for (let p = 1; p <= processes; p++) {
      const members: string[] = [];
      for (let r = p; r <= readers; r += processes) members.push(`user-${r}`);
      for (let i = 0; i < members.length; i += 5000) {
        await client.sAdd(`${base}|${p}`, members.slice(i, i + 5000));
        await client.pfAdd(`${base}:hll|${p}`, members.slice(i, i + 5000));
      }
    }
    const time = async (run: () => Promise<unknown>) => {
      await run();
      const start = performance.now();
      for (let i = 0; i < REPEAT; i++) await run();
      return (performance.now() - start) / REPEAT;
    };
    const unionMs = await time(() => client.sendCommand(['EVAL', UNION, '1', base, String(processes)]));
    const storeMs = await time(() => client.sendCommand(['EVAL', UNION_STORE, '1', base, String(processes)]));
    const hllKeys = Array.from({ length: processes }, (_, i) => `${base}:hll|${i + 1}`);
    const hllMs = await time(() => client.sendCommand(['PFCOUNT', ...hllKeys]));
    const count = Number(await client.sendCommand(['EVAL', UNION, '1', base, String(processes)]));
    const estimate = Number(await client.sendCommand(['PFCOUNT', ...hllKeys]));
    rows.push({
      readers,
      processes,
      count,
      sunionMs: +unionMs.toFixed(2),
      sunionstoreMs: +storeMs.toFixed(2),
      hllEstimate: estimate,
      pfcountMs: +hllMs.toFixed(2),
    });
    console.log(JSON.stringify(rows.at(-1)));
  }
} finally {
  await client.close();
  await redis.stop();
}

const result = { when: new Date().toISOString(), node: process.version, repeat: REPEAT, rows };
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/redis-presence.json', JSON.stringify(result, null, 2) + '\n');
const table = [
  '# Redis cost of one reader count (presence across processes)',
  '',
  `Run ${result.when}; round trip from Node included; mean of ${REPEAT}.`,
  '',
  '| readers of the article | processes | SUNION in Lua, as readers.ts (ms) | SUNIONSTORE (ms) | PFCOUNT estimate | PFCOUNT (ms) |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) => `| ${r.readers} | ${r.processes} | ${r.sunionMs} | ${r.sunionstoreMs} | ${r.hllEstimate} | ${r.pfcountMs} |`,
  ),
  '',
].join('\n');
writeFileSync('bench/results/redis-presence.md', table);
console.log('\n' + table);
