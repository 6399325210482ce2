/**
 * The debate audience: signed-in users with a socket each, in the room of the debate on stage. Each
 * follows the debate's state from its broadcasts and acts on it: votes while a round is open, and
 * while it is live raises or lowers a hand, asks a question or upvotes someone else's. The host may
 * move the debate on at the same moment, so INVALID_TRANSITION is an expected refusal.
 */
import { UNDECIDED, type DebateStatus } from '../../shared/debate/model.js';
import { listen, request, type ParleyClientSocket } from '../../client/src/realtime/requests.js';
import { connectSocket } from '../../test/helpers/live.js';
import type { Account, Soak } from './context.js';
import { every, pick, pickWeighted } from './pace.js';
import { PLAN } from './plan.js';
import { sentence } from './words.js';

/** The debate everyone is in now; the host's loop moves it on to a new debate after each cycle. */
export interface Stage {
  debateId: string;
  positionIds: string[];
}

export interface Member {
  account: Account;
  socket: ParleyClientSocket;
  /** Per debate: the highest state version this member was sent, and the status it had. */
  seen: Map<string, { version: number; status: DebateStatus }>;
  handRaised: boolean;
}

const RACES = ['INVALID_TRANSITION'];
let asked = 0;

export async function openAudience(soak: Soak, accounts: Account[]): Promise<Member[]> {
  return Promise.all(
    accounts.map(async (account) => {
      const socket = await connectSocket(soak.base, account.token);
      const member: Member = { account, socket, seen: new Map(), handRaised: false };
      listen(socket, 'debate:state', ({ debateId, version, state }) => see(member, debateId, version, state.status));
      return member;
    }),
  );
}

function see(member: Member, debateId: string, version: number, status: DebateStatus): void {
  const known = member.seen.get(debateId);
  if (!known || version > known.version) member.seen.set(debateId, { version, status });
}

/** Every member opens the debate (its view, and its live updates from then on). */
export async function joinAudience(soak: Soak, members: Member[], debateId: string): Promise<void> {
  await Promise.all(
    members.map(async (m) => {
      m.handRaised = false;
      const view = await soak.tally.attempt('debate:join', [], () => request(m.socket, 'debate:join', { debateId }));
      if (view) see(m, debateId, view.version, view.state.status);
    }),
  );
}

export function runMember(soak: Soak, m: Member, stage: Stage): Promise<void> {
  return every(
    soak.signal,
    PLAN.audienceEveryMs,
    () => act(soak, m, stage),
    (err) => soak.tally.error('audience', String(err)),
  );
}

async function act(soak: Soak, m: Member, stage: Stage): Promise<void> {
  const { tally, ledger } = soak;
  const { debateId } = stage;
  const me = m.account.userId;
  const status = m.seen.get(debateId)?.status;
  if (status === 'pre-vote' || status === 'post-vote') {
    const positionId = pick([...stage.positionIds, UNDECIDED])!;
    const vote = await tally.attempt('debate:vote', RACES, () =>
      request(m.socket, 'debate:vote', { debateId, positionId }),
    );
    // The round the server counted it in, which is the one that was open when it arrived.
    if (vote) ledger.debateVotes.set(`${debateId} ${vote.round} ${me}`, vote.positionId);
    return;
  }
  if (status !== 'live') return;
  switch (pickWeighted({ hand: 30, ask: 30, upvote: 40 })) {
    case 'hand': {
      const raised = !m.handRaised;
      if (await tally.attempt('debate:hand', RACES, () => request(m.socket, 'debate:hand', { debateId, raised })))
        m.handRaised = raised;
      return;
    }
    case 'ask': {
      const text = `${soak.tag}-q${++asked}: ${sentence(3, 12)}?`;
      const q = await tally.attempt('debate:ask', RACES, () => request(m.socket, 'debate:ask', { debateId, text }));
      if (q) ledger.questions.set(q.id, { debateId, userId: me, text, upvoters: new Set() });
      return;
    }
    case 'upvote': {
      const open = [...ledger.questions.entries()].filter(
        ([, q]) => q.debateId === debateId && q.userId !== me && !q.upvoters.has(me),
      );
      const [questionId, question] = pick(open) ?? [];
      if (!questionId || !question) return;
      if (await tally.attempt('debate:upvote', [], () => request(m.socket, 'debate:upvote', { questionId })))
        question.upvoters.add(me);
      return;
    }
  }
}
