/** A debate on the demo article with a plan of the test's own, made over HTTP (so it works against a child process too). */
import type { DebateView, PhasePlan, PreVotePolicy } from '../../shared/debate/model.js';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import { connectSocket, newUser } from './live.js';
import { must } from './moderation.js';
import { api, signInAs } from './server.js';

let made = 0;

/** The demo host's debate (For / Against, one debater each), set up with `plan`; the host's socket has joined it. */
export async function plannedDebate(
  base: string,
  plan: PhasePlan[],
  options: { preVoteCloses?: PreVotePolicy } = {},
): Promise<{ debateId: string; hostToken: string; host: ParleyClientSocket; view: DebateView }> {
  made += 1;
  const hostToken = await signInAs(base, 'host');
  const hostId = (await api(base, '/api/me', { token: hostToken })).body.user.id as string;
  const suffix = `${process.pid}x${made}`;
  const [a, b] = await Promise.all([newUser(base, `planA${suffix}`), newUser(base, `planB${suffix}`)]);
  const article = (await api(base, '/api/articles/pakistan-afghanistan-peace-talks')).body.article;
  const created = await api(base, '/api/debates', {
    token: await signInAs(base, 'moderator'),
    body: {
      articleId: article.id,
      hostId,
      motion: 'Clocks keep their word.',
      positions: [
        { name: 'For', debaterIds: [a.userId] },
        { name: 'Against', debaterIds: [b.userId] },
      ],
    },
  });
  if (created.status !== 201) throw new Error(`debate create: ${created.status} ${JSON.stringify(created.body)}`);
  const debateId = created.body.debate.id as string;
  const positions = created.body.debate.positions as Array<{ id: string }>;
  const host = await connectSocket(base, hostToken);
  // Phases name positions by index in `plan` ("0", "1"); here they become the real ids.
  const withIds = plan.map((p) => ({
    ...p,
    positionId: p.positionId === null ? null : positions[Number(p.positionId)]!.id,
  }));
  await must(host, 'debate:setup', { debateId, template: 'free-form', plan: withIds, ...options });
  const view = await must<DebateView>(host, 'debate:join', { debateId });
  return { debateId, hostToken, host, view };
}
