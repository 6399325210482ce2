/** Setting up a debate with a host, debaters and an audience for the debate tests. */
import type { DebateView } from '../../shared/debate/model.js';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import { connectSocket } from './live.js';
import { must } from './moderation.js';
import { api, signInAs, type TestServer } from './server.js';

export interface Participant {
  userId: string;
  token: string;
  socket: ParleyClientSocket;
}

/** Users made straight in the store, each with a token and a connected socket. */
export async function participants(t: TestServer, prefix: string, n: number): Promise<Participant[]> {
  const { store, tokens } = t.parley.deps;
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const name = `${prefix}${i}`;
      const user = await store.createUser({
        name,
        nameKey: name.toLowerCase(),
        passwordHash: null,
        role: 'reader',
        email: null,
        ssoProvider: null,
        ssoSubject: null,
      });
      const token = tokens.signAccess({ sub: user.id, role: 'reader', name });
      return { userId: user.id, token, socket: await connectSocket(t.url, token) };
    }),
  );
}

let debates = 0;

/** The demo host, two debaters per position and a debate on the demo article set up as Oxford style. */
export async function oxfordDebate(t: TestServer) {
  debates += 1;
  const hostToken = await signInAs(t.url, 'host');
  const host = {
    token: hostToken,
    userId: (await api(t.url, '/api/me', { token: hostToken })).body.user.id as string,
    socket: await connectSocket(t.url, hostToken),
  };
  const debaters = await participants(t, `debater${debates}x`, 4);
  const article = (await api(t.url, '/api/articles/pakistan-afghanistan-peace-talks')).body.article;
  const moderator = await signInAs(t.url, 'moderator');
  const created = await api(t.url, '/api/debates', {
    token: moderator,
    body: {
      articleId: article.id,
      hostId: host.userId,
      motion: article.motion,
      positions: [
        { name: 'Pakistan', debaterIds: [debaters[0]!.userId, debaters[1]!.userId] },
        { name: 'Afghanistan', debaterIds: [debaters[2]!.userId, debaters[3]!.userId] },
      ],
    },
  });
  if (created.status !== 201) throw new Error(`debate create: ${created.status} ${JSON.stringify(created.body)}`);
  const debateId = created.body.debate.id as string;
  const view = await must<DebateView>(host.socket, 'debate:setup', { debateId, template: 'oxford' });
  await must(host.socket, 'debate:join', { debateId });
  return { host, debaters, debateId, view, article, moderator };
}
