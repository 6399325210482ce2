/**
 * Who has an article open, across processes (REDIS_URL): each process keeps, per article, a Redis
 * set of the people reading it through that process (`parley:readers:<articleId>|<process>`), and
 * an index of the processes with such a set (`parley:readers:<articleId>`). A count is the size of
 * the union of the live sets, so a user reading through two processes counts once.
 *
 * Each set expires TTL_MS after the process last wrote or counted it: a process that dies drops
 * out of every count by itself, and the others notice at their next heartbeat (presence.ts).
 * Writes are deltas against what this process last wrote; if its set has vanished meanwhile (Redis
 * restarted, or the set expired), the script says so and the whole set is written again.
 *
 * The script names keys it reads from the index, so it needs one Redis server (or a primary with
 * replicas), not Redis Cluster.
 */
import type { RedisLink } from './redis.js';

/** A reader's set lives this long without a write or a count by its process. */
export const READER_SET_TTL_MS = 15_000;
/** The index outlives the sets; each write refreshes it. */
const INDEX_TTL_MS = 10 * 60_000;
/** Members per SADD or SREM inside the script (Lua's unpack has a stack limit). */
const CHUNK = 500;

const COUNT_SCRIPT = `
local base, origin, ttl, mode, expect = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local nAdd = tonumber(ARGV[6])
local mine = base .. '|' .. origin
if mode == 'delta' and expect == '1' and redis.call('EXISTS', mine) == 0 then return -1 end
if mode == 'full' then redis.call('DEL', mine) end
local lastAdd = 6 + nAdd
for i = 7, lastAdd, ${CHUNK} do
  redis.call('SADD', mine, unpack(ARGV, i, math.min(i + ${CHUNK - 1}, lastAdd)))
end
for i = lastAdd + 1, #ARGV, ${CHUNK} do
  redis.call('SREM', mine, unpack(ARGV, i, math.min(i + ${CHUNK - 1}, #ARGV)))
end
if redis.call('EXISTS', mine) == 1 then
  redis.call('PEXPIRE', mine, ttl)
  redis.call('SADD', base, origin)
  redis.call('PEXPIRE', base, ${INDEX_TTL_MS})
end
local live = {}
for _, p in ipairs(redis.call('SMEMBERS', base)) do
  local key = base .. '|' .. p
  if redis.call('EXISTS', key) == 1 then live[#live + 1] = key else redis.call('SREM', base, p) end
end
if #live == 0 then return 0 end
if #live == 1 then return redis.call('SCARD', live[1]) end
return #redis.call('SUNION', unpack(live))
`;

export interface ReaderTable {
  /**
   * Records `people` (distinct keys: one per signed-in user, one per guest connection) as this
   * process's readers of the article, and answers how many distinct people read it across all
   * processes. Rejects while Redis is away.
   */
  count(articleId: string, people: ReadonlySet<string>): Promise<number>;
  /** Removes this process's readers of these articles (graceful stop). */
  clear(articleIds: Iterable<string>): Promise<void>;
}

export function createRedisReaderTable(link: RedisLink, ttlMs: number = READER_SET_TTL_MS): ReaderTable {
  /** What this process last wrote per article; absent: write the whole set next time. */
  const written = new Map<string, Set<string>>();
  const base = (articleId: string) => `parley:readers:${articleId}`; // under redis.ts's REDIS_PREFIX

  const run = async (
    articleId: string,
    mode: 'full' | 'delta',
    add: string[],
    remove: string[],
    expect: boolean,
  ): Promise<number> => {
    const args = [base(articleId), link.origin, String(ttlMs), mode, expect ? '1' : '0', String(add.length)];
    return Number(await link.client.sendCommand(['EVAL', COUNT_SCRIPT, '0', ...args, ...add, ...remove]));
  };

  return {
    async count(articleId, people) {
      const before = written.get(articleId);
      // Until the answer comes, what Redis holds is unknown: a failure means the whole set next time.
      written.delete(articleId);
      let result: number;
      if (before) {
        const add = [...people].filter((p) => !before.has(p));
        const remove = [...before].filter((p) => !people.has(p));
        result = await run(articleId, 'delta', add, remove, before.size > 0);
        if (result < 0) result = await run(articleId, 'full', [...people], [], false);
      } else {
        result = await run(articleId, 'full', [...people], [], false);
      }
      written.set(articleId, new Set(people));
      return result;
    },
    async clear(articleIds) {
      const ids = [...articleIds];
      const keys = ids.map((id) => `${base(id)}|${link.origin}`);
      for (const id of ids) written.delete(id);
      if (keys.length > 0) await link.client.sendCommand(['DEL', ...keys]);
    },
  };
}
