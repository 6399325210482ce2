/**
 * A whole Oxford-style session: a host, two debaters per position and 100 audience clients. Tallies
 * and swing exact; every phase change reaches every client with the same end time; only the host
 * drives; the export holds every part.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNDECIDED, type DebateResults, type DebateState, type DebateView } from '../../shared/debate/model.js';
import { positionDocName } from '../../shared/doc-names.js';
import { oxfordDebate, participants, type Participant } from '../helpers/debate.js';
import { eventually, openReader } from '../helpers/live.js';
import { ask, must } from '../helpers/moderation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { WAIT_MS } from '../helpers/wait.js';

let t: TestServer;
const sockets: Array<{ close(): void }> = [];

beforeAll(async () => {
  t = await startTestServer({ COMMENTS_PER_MINUTE: '1000', SOCKET_EVENTS_PER_SECOND: '1000' });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.destroy();
});

describe('an Oxford-style debate', () => {
  it('runs from pre-vote to results with 100 audience clients, exact tallies and one clock', async () => {
    const { host, debaters, debateId, view } = await oxfordDebate(t);
    sockets.push(host.socket, ...debaters.map((d) => d.socket));
    const [pk, af] = view.positions.map((p) => p.id) as [string, string];
    expect(view.plan).toHaveLength(7);
    const audience = await participants(t, 'audience', 100);
    sockets.push(...audience.map((a) => a.socket));
    const everyone: Participant[] = [...audience, ...debaters];

    // Every client records the states it is sent.
    const seen = new Map<string, DebateState[]>();
    let revealed: DebateResults | null = null;
    await Promise.all(
      everyone.map(async (p) => {
        seen.set(p.userId, []);
        p.socket.on('debate:state', (u) => {
          seen.get(p.userId)!.push(u.state);
          if (u.results) revealed = u.results;
        });
        const v = await must<DebateView>(p.socket, 'debate:join', { debateId });
        expect(v.results).toBeNull();
      }),
    );
    let hostTally: DebateView['tally'] = null;
    host.socket.on('debate:tally', (u) => (hostTally = u.tally));

    const command = (name: string, extra: Record<string, unknown> = {}) =>
      must<DebateView>(host.socket, 'debate:command', { debateId, command: name, ...extra });
    const allSaw = (check: (s: DebateState) => boolean, what: string) =>
      eventually(
        () =>
          everyone.every((p) => {
            const list = seen.get(p.userId)!;
            return list.length > 0 && check(list.at(-1)!);
          }),
        what,
      );

    // Only the host drives.
    for (const who of [audience[0]!, debaters[0]!]) {
      const refusal = await ask(who.socket, 'debate:command', { debateId, command: 'open-pre-vote' });
      expect(refusal.ok ? 'ok' : refusal.error.code).toBe('FORBIDDEN');
      expect((await ask(who.socket, 'debate:floor', { debateId, userId: who.userId })).ok).toBe(false);
    }
    await command('open-pre-vote');
    await allSaw((s) => s.status === 'pre-vote', 'pre-vote everywhere');

    // Pre-vote: 30 Pakistan, 40 Afghanistan, 30 undecided; a few change their mind while it is open.
    const preChoice = (i: number) => (i < 30 ? pk : i < 70 ? af : UNDECIDED);
    await Promise.all(
      audience.map((a, i) =>
        must(a.socket, 'debate:vote', { debateId, positionId: i % 10 === 0 ? UNDECIDED : preChoice(i) }),
      ),
    );
    await Promise.all(
      audience
        .filter((_, i) => i % 10 === 0)
        .map((a) => must(a.socket, 'debate:vote', { debateId, positionId: preChoice(audience.indexOf(a)) })),
    );
    // Tallies are coalesced: one may go out between the first votes and the changes of mind (a
    // total of 100 already, with the old choices), so wait for the final counts, not the total.
    await expect
      .poll(() => hostTally?.pre, { timeout: WAIT_MS })
      .toEqual({ total: 100, counts: { [pk]: 30, [af]: 40, [UNDECIDED]: 30 } });

    // The phases: every client gets each change with the same end time.
    await command('start');
    for (let phase = 0; phase < view.plan.length; phase++) {
      await allSaw((s) => s.status === 'live' && s.phaseIndex === phase, `phase ${phase} everywhere`);
      const endTimes = new Set(everyone.map((p) => seen.get(p.userId)!.at(-1)!.clock.endsAt));
      expect(endTimes.size).toBe(1);
      expect([...endTimes][0]).not.toBeNull();
      if (phase === 1) {
        await command('pause');
        await allSaw((s) => !s.clock.running, 'pause everywhere');
        await command('extend', { seconds: 60 });
        await command('resume');
        await allSaw((s) => s.clock.running && s.log.at(-1)!.extendedBySeconds === 60, 'resume everywhere');
      }
      if (phase === 4) {
        // Audience questions: ask, upvote, the host picks one and marks it answered.
        const q1 = await must<{ id: string }>(audience[1]!.socket, 'debate:ask', {
          debateId,
          text: 'Who should monitor the ceasefire line?',
        });
        await must<{ id: string }>(audience[2]!.socket, 'debate:ask', { debateId, text: 'What happens to refugees?' });
        await Promise.all(audience.slice(3, 13).map((a) => must(a.socket, 'debate:upvote', { questionId: q1.id })));
        await must(host.socket, 'debate:question-state', { questionId: q1.id, state: 'current' });
        await must(host.socket, 'debate:question-state', { questionId: q1.id, state: 'answered' });
        expect(
          (await ask(audience[5]!.socket, 'debate:question-state', { questionId: q1.id, state: 'current' })).ok,
        ).toBe(false);
        // The speaker queue: a hand goes up, the host gives the floor, everyone sees who has it.
        await must(audience[7]!.socket, 'debate:hand', { debateId, raised: true });
        await must(host.socket, 'debate:floor', { debateId, userId: audience[7]!.userId });
        await allSaw((s) => s.floor?.userId === audience[7]!.userId, 'the floor everywhere');
      }
      await command('next');
    }
    await allSaw((s) => s.status === 'post-vote', 'post-vote everywhere');

    // Post-vote: 45 Pakistan, 42 Afghanistan, 13 undecided.
    const postChoice = (i: number) => (i < 45 ? pk : i < 87 ? af : UNDECIDED);
    await Promise.all(audience.map((a, i) => must(a.socket, 'debate:vote', { debateId, positionId: postChoice(i) })));
    expect((await ask(audience[0]!.socket, 'debate:vote', { debateId, positionId: 'no-such-position' })).ok).toBe(
      false,
    );
    await eventually(() => hostTally?.post.total === 100, 'the host post tally');

    await command('show-results');
    expect(revealed).toBeNull();
    const hidden = await must<DebateView>(audience[0]!.socket, 'debate:join', { debateId });
    expect(hidden.results).toBeNull();
    await command('reveal');
    await eventually(() => revealed !== null, 'results revealed to the audience');
    const results = revealed as unknown as DebateResults;
    expect(results.preTotal).toBe(100);
    expect(results.postTotal).toBe(100);
    expect(results.positions.find((p) => p.positionId === pk)).toMatchObject({
      pre: 30,
      post: 45,
      prePercent: 30,
      postPercent: 45,
      swing: 15,
    });
    expect(results.positions.find((p) => p.positionId === af)).toMatchObject({ pre: 40, post: 42, swing: 2 });
    expect(results.positions.find((p) => p.positionId === UNDECIDED)).toMatchObject({ pre: 30, post: 13, swing: -17 });
    expect(results.winner).toBe(pk);
    // Voting is closed now.
    expect((await ask(audience[0]!.socket, 'debate:vote', { debateId, positionId: pk })).ok).toBe(false);
  }, 120_000);
});

describe('the debate export', () => {
  it('holds the motion, the plan as it ran, both votes with the swing and a chart, summaries, comments and answered questions', async () => {
    const { host, debaters, debateId, view, moderator } = await oxfordDebate(t);
    sockets.push(host.socket, ...debaters.map((d) => d.socket));
    const [pk, af] = view.positions.map((p) => p.id) as [string, string];
    const crowd = await participants(t, 'crowd', 6);
    sockets.push(...crowd.map((c) => c.socket));
    // A summary written into each position's document.
    for (const [positionId, text] of [
      [pk, 'Islamabad must secure its border.'],
      [af, 'Kabul must rein in the TTP.'],
    ] as const) {
      const doc = new Y.Doc();
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      doc.getXmlFragment('summary').insert(0, [paragraph]);
      await t.parley.deps.store.appendDocUpdate(
        positionDocName(debateId, positionId),
        Y.encodeStateAsUpdate(doc),
        host.userId,
      );
    }
    // Comments that argue each side, and votes on them.
    const writer = await openReader(t.url, 'pakistan-afghanistan-peace-talks', {
      token: debaters[0]!.token,
      userId: debaters[0]!.userId,
    });
    sockets.push({ close: () => writer.close() });
    const forPk = (
      await must<{ comment: { id: string } }>(writer.socket, 'comment:create', {
        articleId: view.articleId,
        body: 'The army must hold the border.',
        positionId: pk,
      })
    ).comment;
    const forAf = (
      await must<{ comment: { id: string } }>(writer.socket, 'comment:create', {
        articleId: view.articleId,
        body: 'Kabul has the leverage.',
        positionId: af,
      })
    ).comment;
    expect(
      (
        await ask(writer.socket, 'comment:create', {
          articleId: view.articleId,
          body: 'x',
          positionId: 'not-a-position',
        })
      ).ok,
    ).toBe(false);
    await must(crowd[0]!.socket, 'vote:cast', { commentId: forPk.id, value: 1 });
    await must(crowd[1]!.socket, 'vote:cast', { commentId: forAf.id, value: 1 });

    const command = (name: string) => must(host.socket, 'debate:command', { debateId, command: name });
    await command('open-pre-vote');
    for (const c of crowd) await must(c.socket, 'debate:vote', { debateId, positionId: af });
    await command('start');
    const q = await must<{ id: string }>(crowd[2]!.socket, 'debate:ask', {
      debateId,
      text: 'Is a joint border commission realistic?',
    });
    await must(host.socket, 'debate:question-state', { questionId: q.id, state: 'answered' });
    await command('skip');
    await command('open-post-vote');
    for (const [i, c] of crowd.entries())
      await must(c.socket, 'debate:vote', { debateId, positionId: i < 4 ? pk : af });
    // Crowd member 0 moved from Afghanistan to Pakistan and credits the comment that moved them.
    expect(await must(crowd[0]!.socket, 'debate:credit', { debateId, commentIds: [forPk.id] })).toEqual({
      credited: 1,
    });
    expect((await ask(crowd[5]!.socket, 'debate:credit', { debateId, commentIds: [forPk.id] })).ok).toBe(false);
    await command('show-results');
    await command('reveal');
    await command('close');

    const res = await fetch(`${t.url}/api/debates/${debateId}/export.md`, {
      headers: { authorization: `Bearer ${moderator}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/markdown');
    const md = await res.text();
    for (const part of [
      '# Debate report: Which nation bears the greater responsibility for upholding the immediate ceasefire?',
      '## The plan as it ran',
      'Opening statement: Pakistan',
      'yes', // the skipped phase
      '## The vote',
      '| Pakistan | 0% (0) | 66.7% (4) | +66.7 |',
      '| Afghanistan | 100% (6) | 33.3% (2) | -66.7 |',
      '```text',
      '█',
      '**Winner: Pakistan**',
      '## Position summaries',
      'Islamabad must secure its border.',
      'Kabul must rein in the TTP.',
      '## Comments that changed minds',
      'The army must hold the border.',
      'credited by 1',
      '## Most voted comments',
      'Kabul has the leverage.',
      '## Answered questions',
      'Is a joint border commission realistic?',
    ]) {
      expect(md, part).toContain(part);
    }
  }, 60_000);
});
