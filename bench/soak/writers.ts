/**
 * Writers: signed-in users, each on the same LiveThread as the browser, who post comments and
 * replies, edit and delete their own, vote on and report other people's. Each picks targets among
 * recent comments that its own thread shows as visible; a moderator may act on one at the same
 * moment, so the refusals such a race gives are expected (tally.ts), and counted.
 */
import type { Comment } from '../../shared/types.js';
import { request } from '../../client/src/realtime/requests.js';
import { openReader, type Reader } from '../../test/helpers/live.js';
import type { Account, Soak } from './context.js';
import { every, pick, pickWeighted } from './pace.js';
import { PLAN } from './plan.js';
import { sentence } from './words.js';

export interface Writer {
  account: Account;
  reader: Reader;
  /** This writer's comments, newest last. */
  own: string[];
}

/** Replies stay well inside the depth limit (LIMITS.depthMax). */
const MAX_PARENT_DEPTH = 8;
/** Own comments edited or deleted are recent ones (the edit window is 15 minutes). */
const OWN_RECENT = 20;

let written = 0;
const bodyOf = (soak: Soak, what: string) => `${soak.tag}-${what}${++written}: ${sentence(8, 40)}`;

export async function openWriters(soak: Soak, accounts: Account[]): Promise<Writer[]> {
  return Promise.all(
    accounts.map(async (account) => ({ account, reader: await openReader(soak.base, soak.slug, account), own: [] })),
  );
}

export function runWriter(soak: Soak, w: Writer): Promise<void> {
  return every(
    soak.signal,
    PLAN.writerEveryMs,
    () => act(soak, w),
    (err) => soak.tally.error('writer', String(err)),
  );
}

/** A recent visible comment as this writer sees it, matching `fits`; a few random tries. */
function target(soak: Soak, w: Writer, fits: (c: Comment) => boolean): Comment | undefined {
  for (let i = 0; i < 10; i++) {
    const c = w.reader.thread.state.comments.get(pick(soak.ledger.recent) ?? '');
    if (c && c.status === 'visible' && fits(c)) return c;
  }
  return undefined;
}

const notMine = (w: Writer) => (c: Comment) => c.authorId !== w.account.userId;

async function act(soak: Soak, w: Writer): Promise<void> {
  const { tally, ledger } = soak;
  const thread = w.reader.thread;
  const me = w.account.userId;
  const kind = pickWeighted(PLAN.writerMix);
  switch (kind) {
    case 'comment':
    case 'reply': {
      // A reply when there is something to reply to; the first ones are top-level.
      const parent = kind === 'reply' ? target(soak, w, (c) => c.depth < MAX_PARENT_DEPTH) : undefined;
      const body = bodyOf(soak, parent ? 'r' : 'c');
      const change = await tally.attempt(parent ? 'comment:reply' : 'comment:create', ['COMMENT_NOT_VISIBLE'], () =>
        thread.post(body, parent?.id ?? null),
      );
      if (!change) return;
      ledger.created(change.comment.id, { authorId: me, parentId: parent?.id ?? null, body });
      w.own.push(change.comment.id);
      return;
    }
    case 'edit': {
      const id = pick(w.own.slice(-OWN_RECENT).filter((i) => thread.state.comments.get(i)?.status === 'visible'));
      if (!id) return;
      const body = bodyOf(soak, 'e');
      if (await tally.attempt('comment:edit', ['COMMENT_NOT_VISIBLE'], () => thread.edit(id, body).then(() => true)))
        ledger.edited(id, body);
      return;
    }
    case 'delete': {
      const id = pick(w.own.slice(-OWN_RECENT).filter((i) => thread.state.comments.get(i)?.status === 'visible'));
      if (!id) return;
      // NOT_FOUND: removed or held between the check and the write (server/domain/discussion.ts).
      const expected = ['COMMENT_NOT_VISIBLE', 'NOT_FOUND'];
      if (await tally.attempt('comment:delete', expected, () => thread.remove(id).then(() => true))) ledger.deleted(id);
      return;
    }
    case 'vote': {
      const c = target(soak, w, notMine(w));
      if (!c) return;
      const value = pick([1, 1, -1, 0] as const)!;
      if (await tally.attempt('vote:cast', ['COMMENT_NOT_VISIBLE'], () => thread.vote(c.id, value).then(() => true)))
        ledger.voted(c.id, me, value);
      return;
    }
    case 'report': {
      const c = target(soak, w, (x) => notMine(w)(x) && !ledger.hasReported(x.id, me));
      if (!c) return;
      const reported = await tally.attempt('comment:report', ['COMMENT_NOT_VISIBLE'], () =>
        request(w.reader.socket, 'comment:report', { commentId: c.id, reason: pick(['spam', 'off_topic'] as const)! }),
      );
      if (reported) ledger.reported(c.id, me);
      return;
    }
  }
}
