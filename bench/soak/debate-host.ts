/**
 * The debate on stage, driven by the demo host: from pre-vote through every phase of the Oxford plan
 * (pausing, extending and resuming one, giving the floor to a raised hand, taking audience
 * questions) to the post-vote, the results and closed. The demo debate goes first; then the
 * moderator sets up a new debate on the article and the audience moves to it, for as long as the
 * run lasts, so that debates begin and end over and over.
 */
import type { DebateView } from '../../shared/debate/model.js';
import type { HostCommandName } from '../../shared/debate/machine.js';
import { request, type ParleyClientSocket } from '../../client/src/realtime/requests.js';
import { connectSocket } from '../../test/helpers/live.js';
import { api } from '../../test/helpers/server.js';
import type { Account, Soak } from './context.js';
import { joinAudience, type Member, type Stage } from './debate-audience.js';
import { jitter, pause } from './pace.js';

export interface Host {
  account: Account;
  socket: ParleyClientSocket;
}

export async function openHost(soak: Soak, account: Account): Promise<Host> {
  return { account, socket: await connectSocket(soak.base, account.token) };
}

/** The debate on the article that the demo set up. */
export async function demoDebate(soak: Soak, host: Host): Promise<Stage> {
  const [summary] = await request(host.socket, 'debate:of-article', { articleId: soak.articleId });
  if (!summary) throw new Error('the demo debate is missing (DEMO_DEBATE=true should set it up)');
  return { debateId: summary.id, positionIds: summary.positions.map((p) => p.id) };
}

/** Runs debates one after another until the run ends; `stage` always names the one on stage. */
export async function runDebates(
  soak: Soak,
  cast: { host: Host; moderator: Account; debaters: Account[]; audience: Member[] },
  stage: Stage,
  cycleMs: number,
): Promise<void> {
  for (let n = 0; !soak.signal.aborted; n++) {
    if (n > 0) {
      const next = await newDebate(soak, cast, n);
      if (!next) {
        // Counted as an error already; try again a little later rather than spin.
        if (!(await pause(cycleMs / 10, soak.signal))) return;
        continue;
      }
      Object.assign(stage, next);
    }
    const joined = await soak.tally.attempt('debate:join', [], () =>
      request(cast.host.socket, 'debate:join', { debateId: stage.debateId }),
    );
    if (!joined) {
      if (!(await pause(cycleMs / 10, soak.signal))) return;
      continue;
    }
    record(soak, joined);
    await joinAudience(soak, cast.audience, stage.debateId);
    await runCycle(soak, cast.host, joined, cycleMs);
  }
}

async function newDebate(
  soak: Soak,
  cast: { host: Host; moderator: Account; debaters: Account[] },
  n: number,
): Promise<Stage | undefined> {
  const [a, b, c, d] = cast.debaters.map((x) => x.userId);
  const created = await soak.tally.attempt('debate:create', [], async () => {
    const res = await api(soak.base, '/api/debates', {
      token: cast.moderator.token,
      body: {
        articleId: soak.articleId,
        hostId: cast.host.account.userId,
        motion: `${soak.tag} motion ${n}: the talks will hold`,
        positions: [
          { name: 'Hold', debaterIds: [a, b] },
          { name: 'Collapse', debaterIds: [c, d] },
        ],
      },
    });
    if (res.status !== 201) throw new Error(`POST /api/debates answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.debate as { id: string; positions: Array<{ id: string }> };
  });
  if (!created) return undefined;
  const view = await soak.tally.attempt('debate:setup', [], () =>
    request(cast.host.socket, 'debate:setup', { debateId: created.id, template: 'oxford' }),
  );
  if (!view) return undefined;
  record(soak, view);
  return { debateId: created.id, positionIds: created.positions.map((p) => p.id) };
}

function record(soak: Soak, view: DebateView): void {
  soak.ledger.debateStates.set(view.id, {
    status: view.state.status,
    phaseIndex: view.state.phaseIndex,
    version: view.version,
  });
}

/**
 * One debate from scheduled to closed, in about `cycleMs`: a slot for the pre-vote, one per phase,
 * one for the post-vote and one for the results. Stops where it is when the run ends.
 */
async function runCycle(soak: Soak, host: Host, joined: DebateView, cycleMs: number): Promise<void> {
  const debateId = joined.id;
  let view = joined;
  const command = async (name: HostCommandName, extra: { seconds?: number } = {}) => {
    const next = await soak.tally.attempt(`debate:${name}`, [], () =>
      request(host.socket, 'debate:command', { debateId, command: name, ...extra }),
    );
    if (next) record(soak, (view = next));
    return next;
  };
  const phases = joined.plan.length;
  const slot = cycleMs / (phases + 3);
  const wait = () => pause(jitter(slot), soak.signal);

  if (!(await command('open-pre-vote')) || !(await wait())) return;
  if (!(await command('start'))) return;
  for (let phase = 0; phase < phases; phase++) {
    if (!(await wait())) return;
    if (phase === 1) {
      await command('pause');
      await command('extend', { seconds: 30 });
      await command('resume');
    }
    await takeTheRoom(soak, host, view, (v) => record(soak, (view = v)));
    if (!(await command('next'))) return;
  }
  if (!(await wait())) return;
  await command('show-results');
  await command('reveal');
  if (!(await wait())) return;
  await command('close');
}

/** The host's part in a phase: the floor to the first raised hand, the current question answered, the next one taken. */
async function takeTheRoom(soak: Soak, host: Host, view: DebateView, onView: (v: DebateView) => void): Promise<void> {
  const hand = view.hands[0];
  if (hand) {
    const floor = await soak.tally.attempt('debate:floor', [], () =>
      request(host.socket, 'debate:floor', { debateId: view.id, userId: hand.userId }),
    );
    if (floor) onView(floor);
  }
  const current = view.questions.find((q) => q.state === 'current');
  if (current)
    await soak.tally.attempt('debate:question-state', [], () =>
      request(host.socket, 'debate:question-state', { questionId: current.id, state: 'answered' }),
    );
  const next = view.questions.filter((q) => q.state === 'open').sort((a, b) => b.upvotes - a.upvotes)[0];
  if (next)
    await soak.tally.attempt('debate:question-state', [], () =>
      request(host.socket, 'debate:question-state', { questionId: next.id, state: 'current' }),
    );
}
