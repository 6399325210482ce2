/**
 * The demo moderator, on a LiveThread of their own (moderators see every body): removes recent
 * comments (reading each one's modVersion first, as the desk does), works the report and pending
 * queues (approve or remove), and features comments now and then. Two kinds of race are expected
 * and counted as refusals: ALREADY_HANDLED (the comment moved since it was read: an automatic hold
 * after reports) and INVALID_TRANSITION (its author deleted it meanwhile).
 */
import type { Comment } from '../../shared/types.js';
import { request } from '../../client/src/realtime/requests.js';
import { openReader, type Reader } from '../../test/helpers/live.js';
import type { Account, Soak } from './context.js';
import { every, pick, pickWeighted } from './pace.js';
import { PLAN } from './plan.js';

const RACES = ['ALREADY_HANDLED', 'INVALID_TRANSITION'];

export function openModerator(soak: Soak, moderator: Account): Promise<Reader> {
  return openReader(soak.base, soak.slug, moderator);
}

export function runModerator(soak: Soak, mod: Reader): Promise<void> {
  return every(
    soak.signal,
    PLAN.moderatorEveryMs,
    () => act(soak, mod),
    (err) => soak.tally.error('moderator', String(err)),
  );
}

function recentVisible(soak: Soak, mod: Reader): Comment | undefined {
  for (let i = 0; i < 10; i++) {
    const c = mod.thread.state.comments.get(pick(soak.ledger.recent) ?? '');
    if (c && c.status === 'visible') return c;
  }
  return undefined;
}

async function act(soak: Soak, mod: Reader): Promise<void> {
  const { tally, ledger } = soak;
  const socket = mod.socket;
  switch (pickWeighted({ remove: 55, queue: 30, feature: 15 })) {
    case 'remove': {
      const c = recentVisible(soak, mod);
      if (!c) return;
      const context = await tally.attempt('mod:context', [], () => request(socket, 'mod:context', { commentId: c.id }));
      if (!context) return;
      const done = await tally.attempt('mod:remove', RACES, () =>
        request(socket, 'mod:action', {
          commentId: c.id,
          action: 'remove',
          reason: `${soak.tag} removal`,
          expectedVersion: context.comment.modVersion,
        }),
      );
      if (done) ledger.removed.add(c.id);
      return;
    }
    case 'queue': {
      const queue = pick(['reported', 'pending'] as const)!;
      const page = await tally.attempt('mod:queue', [], () =>
        request(socket, 'mod:queue', { queue, articleId: soak.articleId, limit: 5 }),
      );
      const item = pick(page?.items ?? []);
      if (!item) return;
      const action = Math.random() < 0.7 ? 'approve' : 'remove';
      const done = await tally.attempt(`mod:${action}`, RACES, () =>
        request(socket, 'mod:action', {
          commentId: item.comment.id,
          action,
          expectedVersion: item.comment.modVersion,
          ...(action === 'remove' ? { reason: `${soak.tag} removal from the ${queue} queue` } : {}),
        }),
      );
      if (done && action === 'remove') ledger.removed.add(item.comment.id);
      return;
    }
    case 'feature': {
      const c = recentVisible(soak, mod);
      if (!c) return;
      const context = await tally.attempt('mod:context', [], () => request(socket, 'mod:context', { commentId: c.id }));
      if (!context) return;
      const action = context.comment.featured ? 'unfeature' : 'feature';
      await tally.attempt(`mod:${action}`, RACES, () =>
        request(socket, 'mod:action', { commentId: c.id, action, expectedVersion: context.comment.modVersion }),
      );
      return;
    }
  }
}
