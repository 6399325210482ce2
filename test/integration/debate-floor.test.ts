/**
 * The floor, live (issue 13): the speaking debater's paragraphs reach 100 audience clients live and
 * in seq order; a client that reconnects without recovery gets the transcript exactly (through the
 * client's own follower, client/src/realtime/transcript-follower.ts); only the debaters whose phase
 * it is, the host and a hand given the floor may post, and a hand's turn ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebateView } from '../../shared/debate/model.js';
import type { StatementView, Transcript } from '../../shared/debate/statements.js';
import { followTranscript } from '../../client/src/realtime/transcript-follower.js';
import type { TranscriptCopy } from '../../client/src/realtime/transcript.js';
import { oxfordDebate, participants } from '../helpers/debate.js';
import { eventually } from '../helpers/live.js';
import { ask, must } from '../helpers/moderation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { WAIT_MS, within } from '../helpers/wait.js';

let t: TestServer;
const sockets: Array<{ close(): void }> = [];

beforeAll(async () => {
  t = await startTestServer({ SOCKET_EVENTS_PER_SECOND: '1000' });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.destroy();
});

const refusal = async (socket: Parameters<typeof ask>[0], debateId: string, text: string) => {
  const ack = await ask(socket, 'debate:say', { debateId, text });
  return ack.ok ? { code: 'ok', message: '' } : ack.error;
};

describe('the statement stream of a debate', () => {
  it('reaches 100 audience clients live and in order, and a reconnecting client gets the transcript exactly', async () => {
    const { host, debaters, debateId } = await oxfordDebate(t);
    sockets.push(host.socket, ...debaters.map((d) => d.socket));
    const audience = await participants(t, 'floorAudience', 100);
    sockets.push(...audience.map((a) => a.socket));
    const heard = new Map<string, StatementView[]>();
    await Promise.all(
      audience.map(async (a) => {
        heard.set(a.userId, []);
        a.socket.on('debate:statement', (s) => heard.get(a.userId)!.push(s));
        await must<DebateView>(a.socket, 'debate:join', { debateId });
      }),
    );

    // Before the phases nobody speaks.
    expect((await refusal(debaters[0]!.socket, debateId, 'Too early.')).code).toBe('INVALID_TRANSITION');
    await must(host.socket, 'debate:command', { debateId, command: 'start' });

    // Pakistan's opening: both its debaters speak (some paragraphs at the same moment), the host reads one out.
    const posted: StatementView[] = [];
    for (let i = 0; i < 10; i++) {
      posted.push(
        await must<StatementView>(debaters[0]!.socket, 'debate:say', {
          debateId,
          text: `Paragraph ${i} of the opening.`,
        }),
      );
    }
    posted.push(
      ...(await Promise.all([
        must<StatementView>(debaters[1]!.socket, 'debate:say', { debateId, text: 'Side by side, one.' }),
        must<StatementView>(debaters[0]!.socket, 'debate:say', { debateId, text: 'Side by side, two.' }),
        must<StatementView>(host.socket, 'debate:say', { debateId, text: 'Read out by the host.\nOn two lines.' }),
      ])),
    );
    posted.sort((a, b) => a.seq - b.seq);
    expect(posted.map((s) => s.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(posted[0]).toMatchObject({
      phaseIndex: 0,
      via: 'debater',
      speaker: { userId: debaters[0]!.userId, name: expect.any(String), positionId: expect.any(String) },
    });
    expect(posted.find((s) => s.via === 'host')!.speaker.userId).toBe(host.userId);

    await eventually(
      () => audience.every((a) => heard.get(a.userId)!.length === posted.length),
      'every paragraph at every audience client',
    );
    // Live, in seq order, each exactly as acknowledged to its speaker.
    for (const a of audience) expect(heard.get(a.userId)).toEqual(posted);

    // A client drops without recovery, misses paragraphs, comes back and asks: it gets them exactly.
    const [late] = await participants(t, 'floorLate', 1);
    sockets.push(late!.socket);
    let copy: TranscriptCopy | null = null;
    const follower = followTranscript(late!.socket, debateId, (c) => (copy = c));
    await eventually(() => copy?.statements.length === posted.length, 'the transcript on joining late');
    late!.socket.disconnect();
    for (let i = 0; i < 5; i++) {
      posted.push(
        await must<StatementView>(debaters[1]!.socket, 'debate:say', { debateId, text: `While you were away, ${i}.` }),
      );
    }
    expect(copy!.statements).toHaveLength(13);
    late!.socket.connect();
    await eventually(() => copy?.statements.length === posted.length, 'the missed paragraphs after the reconnect');
    expect(late!.socket.recovered).toBe(false);
    const stored = await t.parley.deps.store.listStatements(debateId, 0, 1000);
    expect(copy!.statements).toEqual(stored);
    expect(copy!.statements).toEqual(posted);
    expect(copy!.pending).toEqual([]);
    // And it follows live again.
    posted.push(await must<StatementView>(debaters[0]!.socket, 'debate:say', { debateId, text: 'Welcome back.' }));
    await eventually(() => copy?.statements.length === posted.length, 'a live paragraph after the reconnect');
    follower.stop();

    // The transcript request pages after a seq and says where the stream stands.
    const tail = await must<Transcript>(audience[0]!.socket, 'debate:transcript', { debateId, sinceSeq: 15 });
    expect(tail).toEqual({ debateId, seq: posted.length, statements: posted.slice(15) });
  }, 60_000);

  it('lets only the phase’s debaters, the host and the floor holder post, and ends a hand’s turn', async () => {
    const { host, debaters, debateId, view } = await oxfordDebate(t);
    sockets.push(host.socket, ...debaters.map((d) => d.socket));
    const [reader, other] = await participants(t, 'floorHand', 2);
    sockets.push(reader!.socket, other!.socket);
    await must(host.socket, 'debate:command', { debateId, command: 'start' });

    // Phase 0 belongs to Pakistan (debaters 0 and 1): Afghanistan and the audience are refused.
    const forbidden = await refusal(debaters[2]!.socket, debateId, 'Out of turn.');
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(forbidden.message).toMatch(/other side/);
    expect((await refusal(reader!.socket, debateId, 'From the seats.')).code).toBe('FORBIDDEN');
    expect((await refusal(debaters[1]!.socket, debateId, 'Two paragraphs.\n\nIn one post.')).code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await refusal(debaters[1]!.socket, debateId, 'x'.repeat(3001))).code).toBe('VALIDATION_FAILED');

    // A hand given the floor speaks, tagged as such; the audience hears it.
    await must(reader!.socket, 'debate:hand', { debateId, raised: true });
    const given = await must<DebateView>(host.socket, 'debate:floor', { debateId, userId: reader!.userId });
    expect(given.state.floor).toMatchObject({ userId: reader!.userId, until: expect.any(String) });
    // Two minutes from when the floor was given, a moment before the view was made.
    const turnLeft = Date.parse(given.state.floor!.until!) - Date.parse(given.serverNow);
    expect(turnLeft).toBeLessThanOrEqual(120_000);
    expect(turnLeft).toBeGreaterThan(110_000);
    await must(other!.socket, 'debate:join', { debateId });
    const heard: StatementView[] = [];
    other!.socket.on('debate:statement', (s) => heard.push(s));
    const fromFloor = await must<StatementView>(reader!.socket, 'debate:say', {
      debateId,
      text: 'Who monitors the ceasefire?',
    });
    expect(fromFloor).toMatchObject({
      via: 'floor',
      phaseIndex: 0,
      speaker: { userId: reader!.userId, positionId: null },
    });
    await eventually(() => heard.length === 1, 'the floor holder’s paragraph at the audience');
    expect((await refusal(other!.socket, debateId, 'Me too.')).code).toBe('FORBIDDEN');

    // The turn ends: bring its end into the past, as a saved state (turns last two minutes).
    const { store, bus } = t.parley.deps;
    const session = (await store.getDebateSession(debateId))!;
    const until = new Date(Date.now() - 1).toISOString();
    await store.saveDebateSession(debateId, session.version, {
      state: { ...session.state, floor: { ...session.state.floor!, until } },
    });
    const floorEmpty = new Promise<void>((resolve) =>
      other!.socket.on('debate:state', (s) =>
        s.debateId === debateId && s.state.floor === null ? resolve() : undefined,
      ),
    );
    await bus.publish('debateChanged', { debateId, part: 'state' });
    // The server takes the floor back by itself (server/realtime/debate/floor-turns.ts): the audience
    // sees it empty, and the former holder is refused like anyone without the floor.
    await within(WAIT_MS, 'the floor taken back at the end of the turn', floorEmpty);
    expect((await store.getDebateSession(debateId))!.state.floor).toBeNull();
    expect((await refusal(reader!.socket, debateId, 'Still talking.')).code).toBe('FORBIDDEN');

    // A new turn, then the host takes the floor back.
    await must(host.socket, 'debate:floor', { debateId, userId: reader!.userId });
    await must(reader!.socket, 'debate:say', { debateId, text: 'A follow-up.' });
    await must(host.socket, 'debate:floor', { debateId, userId: null });
    expect((await refusal(reader!.socket, debateId, 'After the floor was taken back.')).code).toBe('FORBIDDEN');

    // The next phase is Afghanistan's; the host speaks in any phase; after the phases nobody does.
    await must(host.socket, 'debate:command', { debateId, command: 'next' });
    await must(debaters[3]!.socket, 'debate:say', { debateId, text: 'Kabul answers.' });
    expect((await refusal(debaters[0]!.socket, debateId, 'Pakistan again.')).code).toBe('FORBIDDEN');
    await must(host.socket, 'debate:say', { debateId, text: 'The host, for Afghanistan.' });
    await must(host.socket, 'debate:command', { debateId, command: 'open-post-vote' });
    expect((await refusal(host.socket, debateId, 'After the phases.')).code).toBe('INVALID_TRANSITION');

    const transcript = await must<Transcript>(other!.socket, 'debate:transcript', { debateId });
    expect(transcript.statements.map((s) => [s.phaseIndex, s.via, s.speaker.positionId])).toEqual([
      [0, 'floor', null],
      [0, 'floor', null],
      [1, 'debater', view.positions[1]!.id],
      [1, 'host', view.positions[1]!.id],
    ]);
  }, 60_000);
});
