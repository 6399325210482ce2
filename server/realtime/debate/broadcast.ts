/**
 * From the bus to debate rooms: state changes to everyone (results only once revealed), hands and
 * questions to everyone, and the live vote tally to the host alone, coalesced like comment tallies.
 */
import { toQuestionView } from '../../../shared/debate/model.js';
import type { Bus } from '../../bus/bus.js';
import { loadDebate } from '../../domain/debate/access.js';
import { resultsOf } from '../../domain/debate/view.js';
import type { Deps } from '../../domain/deps.js';
import { TALLY_FLUSH_MS } from '../broadcast.js';
import { debateHostRoom, debateRoom, type ParleyServer } from '../types.js';

export function startDebateBroadcasts(deps: Deps, io: ParleyServer, bus: Bus): () => void {
  const tallyTimers = new Map<string, NodeJS.Timeout>();
  const fail = (debateId: string) => (err: unknown) =>
    deps.log.warn({ err, debateId }, 'debate broadcast failed; clients resync on join');

  const sendTally = async (debateId: string) => {
    tallyTimers.delete(debateId);
    const [pre, post] = await Promise.all([
      deps.store.countDebateVotes(debateId, 'pre'),
      deps.store.countDebateVotes(debateId, 'post'),
    ]);
    io.to(debateHostRoom(debateId)).emit('debate:tally', { debateId, tally: { pre, post } });
  };

  const stop = bus.subscribe('debateChanged', ({ debateId, part }) => {
    switch (part) {
      case 'state':
        void (async () => {
          const loaded = await loadDebate(deps, debateId);
          const { state, version, plan } = loaded.session;
          const results = state.resultsRevealed ? await resultsOf(deps, loaded) : null;
          io.to(debateRoom(debateId)).emit('debate:state', {
            debateId,
            version,
            state,
            plan,
            serverNow: deps.now().toISOString(),
            results,
          });
          await sendTally(debateId);
        })().catch(fail(debateId));
        break;
      case 'votes':
        if (!tallyTimers.has(debateId))
          tallyTimers.set(
            debateId,
            setTimeout(() => void sendTally(debateId).catch(fail(debateId)), TALLY_FLUSH_MS),
          );
        break;
      case 'hands':
        void deps.store
          .listHands(debateId)
          .then((hands) =>
            io.to(debateRoom(debateId)).emit('debate:hands', {
              debateId,
              hands: hands.map((h) => ({ userId: h.userId, name: h.name, raisedAt: h.raisedAt })),
            }),
          )
          .catch(fail(debateId));
        break;
      case 'questions':
        void deps.store
          .listQuestions(debateId)
          .then((questions) =>
            io.to(debateRoom(debateId)).emit('debate:questions', {
              debateId,
              questions: questions.map(toQuestionView),
            }),
          )
          .catch(fail(debateId));
        break;
    }
  });

  return () => {
    stop();
    for (const t of tallyTimers.values()) clearTimeout(t);
    tallyTimers.clear();
  };
}
