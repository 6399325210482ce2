/**
 * From the bus to debate rooms: state changes to everyone (results only once revealed), hands and
 * questions to everyone, and the live vote tally to the host alone.
 *
 * State carries a version, so the process that changed it broadcasts it through the adapter and a
 * client keeps the newest. The audience's parts (votes, hands, questions) carry no version: like
 * comment tallies (../broadcast.ts), every process hears each change (bus/redis-bus.ts
 * CLUSTER_TOPICS), reads the fresh part one flush after another, and sends it to its own sockets.
 * So the last list or tally a socket gets is the last one read, wherever the change was made.
 */
import { toQuestionView } from '../../../shared/debate/model.js';
import type { Bus, BusMessages } from '../../bus/bus.js';
import { loadDebate } from '../../domain/debate/access.js';
import { resultsOf } from '../../domain/debate/view.js';
import type { Deps } from '../../domain/deps.js';
import { TALLY_FLUSH_MS } from '../broadcast.js';
import { createCoalescer } from '../coalesce.js';
import { debateHostRoom, debateRoom, debatesOf, type ParleyServer } from '../types.js';

type AudiencePart = BusMessages['debateAudience']['part'];
/** Hands and questions go out this soon after a change, once for a burst (a crowd upvoting a question). */
const LIST_FLUSH_MS = 50;

export interface DebateBroadcasts {
  /**
   * A connection came back recovered with these rooms. With several processes the audience's parts
   * were sent by each process to its own sockets, outside socket.io's replay: send them again.
   */
  recovered(rooms: Iterable<string>): void;
  stop(): void;
}

export function startDebateBroadcasts(
  deps: Deps,
  io: ParleyServer,
  bus: Bus,
  options: { clustered: boolean } = { clustered: false },
): DebateBroadcasts {
  const fail = (debateId: string) => (err: unknown) =>
    deps.log.warn({ err, debateId }, 'debate broadcast failed; clients resync on join');

  const sendTally = async (debateId: string) => {
    const [pre, post] = await Promise.all([
      deps.store.countDebateVotes(debateId, 'pre'),
      deps.store.countDebateVotes(debateId, 'post'),
    ]);
    io.local.to(debateHostRoom(debateId)).emit('debate:tally', { debateId, tally: { pre, post } });
  };
  const sendList = async (debateId: string, parts: Set<AudiencePart>) => {
    if (parts.has('hands')) {
      const hands = await deps.store.listHands(debateId);
      io.local.to(debateRoom(debateId)).emit('debate:hands', {
        debateId,
        hands: hands.map((h) => ({ userId: h.userId, name: h.name, raisedAt: h.raisedAt })),
      });
    }
    if (parts.has('questions')) {
      const questions = await deps.store.listQuestions(debateId);
      io.local
        .to(debateRoom(debateId))
        .emit('debate:questions', { debateId, questions: questions.map(toQuestionView) });
    }
  };
  const flush =
    <T>(send: (debateId: string, items: Set<T>) => Promise<void>) =>
    (debateId: string, items: Set<T>) =>
      send(debateId, items).catch(fail(debateId));
  const tallies = createCoalescer<true>(
    TALLY_FLUSH_MS,
    flush((debateId) => sendTally(debateId)),
  );
  const lists = createCoalescer<AudiencePart>(LIST_FLUSH_MS, flush(sendList));

  const stopState = bus.subscribe('debateChanged', ({ debateId }) => {
    void (async () => {
      const loaded = await loadDebate(deps, debateId);
      const { state, version, plan } = loaded.session;
      const update = { debateId, version, state, plan, serverNow: deps.now().toISOString() };
      // The host sees the results once the post-vote closes, before the audience does (view.ts):
      // every tab of the host gets them, not only the one that asked.
      const hostOnly = !state.resultsRevealed && (state.status === 'results' || state.status === 'closed');
      if (hostOnly) {
        const results = await resultsOf(deps, loaded);
        io.to(debateRoom(debateId))
          .except(debateHostRoom(debateId))
          .emit('debate:state', { ...update, results: null });
        io.to(debateHostRoom(debateId)).emit('debate:state', { ...update, results });
      } else {
        const results = state.resultsRevealed ? await resultsOf(deps, loaded) : null;
        io.to(debateRoom(debateId)).emit('debate:state', { ...update, results });
      }
      // The host's console shows the tally beside the state it was taken in.
      tallies.mark(debateId, true);
    })().catch(fail(debateId));
  });
  // A paragraph goes out whole, once, from the process that stored it: through the adapter (like
  // debate:state) it reaches the room on every process, and carries its seq for the client's order.
  const stopStatements = bus.subscribe('debateStatement', ({ statement }) => {
    io.to(debateRoom(statement.debateId)).emit('debate:statement', statement);
  });
  const stopAudience = bus.subscribe('debateAudience', ({ debateId, part }) => {
    if (part === 'votes') tallies.mark(debateId, true);
    else lists.mark(debateId, part);
  });

  return {
    recovered(rooms) {
      if (!options.clustered) return; // one process: socket.io replays what the connection missed
      const { open, hosted } = debatesOf(rooms);
      for (const debateId of hosted) tallies.mark(debateId, true);
      for (const debateId of open) {
        lists.mark(debateId, 'hands');
        lists.mark(debateId, 'questions');
      }
    },
    stop() {
      stopState();
      stopAudience();
      stopStatements();
      tallies.close();
      lists.close();
    },
  };
}
