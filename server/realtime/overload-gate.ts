/**
 * Which client requests pass the overload gate (server/domain/overload.ts) in the dispatcher.
 *
 * Gated: the audience's writes, the requests a crowd sends at volume. Past capacity they are
 * refused at once with OVERLOADED (nothing stored), so that the process answers promptly instead
 * of queueing them.
 *
 * Not gated:
 * - reads (join, pages, sync, standing): they change nothing, a refused join would leave a reader
 *   with an empty page and a retry loop, and sync is how a reader's copy stays exact (DESIGN rule 3);
 * - moderators' and hosts' controls: few, and what a surge needs most (closing comments, slow mode,
 *   moving the debate on);
 * - acknowledging a warning: once per warning, and it is what lets a reader post again.
 *
 * A Record over every request name, so a new request fails the type check until it is placed here.
 */
import type { ClientRequestName } from '../../shared/events.js';

const GATED: Record<ClientRequestName, boolean> = {
  'article:join': false,
  'article:leave': false,
  'thread:page': false,
  'article:sync': false,
  'article:tallies': false,
  'comment:create': true,
  'comment:edit': true,
  'comment:delete': true,
  'vote:cast': true,
  'comment:report': true,
  'account:standing': false,
  'account:acknowledge': false,
  'mod:watch': false,
  'mod:queue': false,
  'mod:context': false,
  'mod:action': false,
  'mod:undo': false,
  'mod:audit': false,
  'mod:user': false,
  'mod:sanction': false,
  'mod:lift': false,
  'mod:settings': false,
  'mod:article-settings': false,
  'debate:of-article': false,
  'debate:join': false,
  'debate:setup': false,
  'debate:command': false,
  'debate:floor': false,
  'debate:stream': false,
  'debate:vote': true,
  'debate:hand': true,
  'debate:ask': true,
  'debate:upvote': true,
  'debate:question-state': false,
  'debate:credit': true,
  // The few who may speak (debaters, the host, a floor holder), and a read.
  'debate:say': false,
  'debate:transcript': false,
  // The front page's live counts: reads.
  'front:watch': false,
  'front:unwatch': false,
  // Common ground: the audience's votes and proposals are writes anyone makes; watching is a read,
  // and deciding is the few who manage.
  'ground:watch': false,
  'ground:unwatch': false,
  'ground:vote': true,
  'ground:propose': true,
  'ground:decide': false,
};

/** True for the requests the overload gate may refuse. */
export const isGatedWrite = (event: ClientRequestName): boolean => GATED[event];
