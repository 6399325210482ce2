/**
 * Everyone who takes part, connected and ready before the clock starts; then their loops, which all
 * end when the run's signal aborts (each finishing the action it has in flight).
 */
import type { Actor } from '../../server/domain/users.js';
import type { Reader } from '../../test/helpers/live.js';
import type { Cast, Soak } from './context.js';
import { openAudience, runMember, type Member, type Stage } from './debate-audience.js';
import { demoDebate, openHost, runDebates, type Host } from './debate-host.js';
import { openModerator, runModerator } from './moderator.js';
import { PLAN } from './plan.js';
import type { Watched } from './reader-checks.js';
import { openSteadyReaders, runChurn, runDrops, type SteadyReader } from './readers.js';
import { openEditors, runEditor, runOffline, summaryDoc, type Editor } from './summary.js';
import { openWriters, runWriter, type Writer } from './writers.js';

export interface Crowd {
  host: Host;
  stage: Stage;
  docName: string;
  steady: SteadyReader[];
  writers: Writer[];
  moderator: Reader;
  audience: Member[];
  editors: Editor[];
}

/** The editor that goes offline now and then. */
const OFFLINE_EDITOR = 'admin';

export async function gather(soak: Soak, cast: Cast): Promise<Crowd> {
  const host = await openHost(soak, cast.host);
  const stage = await demoDebate(soak, host);
  const docName = await summaryDoc(soak, stage.debateId, cast.host, cast.debaters.slice(0, 2));
  return {
    host,
    stage,
    docName,
    steady: await openSteadyReaders(soak, PLAN.steadyGuests, cast.steady),
    writers: await openWriters(soak, cast.writers),
    moderator: await openModerator(soak, cast.moderator),
    audience: await openAudience(soak, cast.audience),
    editors: await openEditors(soak, docName, [cast.host, cast.moderator, cast.admin, ...cast.debaters.slice(0, 2)], 1),
  };
}

/** Starts every actor's loop; the promises settle once the signal has aborted and they have stopped. */
export function startLoad(soak: Soak, cast: Cast, crowd: Crowd, loadMs: number): Array<Promise<void>> {
  const guard = (name: string, loop: Promise<void>) => loop.catch((err) => soak.tally.error(name, String(err)));
  const offline = crowd.editors.find((e) => e.label === OFFLINE_EDITOR);
  return [
    ...crowd.writers.map((w) => guard('writer', runWriter(soak, w))),
    ...crowd.steady.map((r) => guard('reader:drop', runDrops(soak, r))),
    guard('reader:churn', runChurn(soak, cast.churn)),
    guard('moderator', runModerator(soak, crowd.moderator)),
    guard(
      'debate',
      runDebates(
        soak,
        { host: crowd.host, moderator: cast.moderator, debaters: cast.debaters, audience: crowd.audience },
        crowd.stage,
        Math.min(PLAN.debateCycleMs, loadMs),
      ),
    ),
    ...crowd.audience.map((m) => guard('audience', runMember(soak, m, crowd.stage))),
    ...crowd.editors.filter((e) => e.canEdit).map((e) => guard('collab:edit', runEditor(soak, e))),
    ...(offline ? [guard('collab:offline', runOffline(soak, offline))] : []),
  ];
}

/** The readers whose threads are compared with the store: the steady ones and the writers. */
export function watched(crowd: Crowd): Watched[] {
  const viewer = (a: { userId: string; name: string; role: Actor['role'] } | null): Actor | null =>
    a ? { id: a.userId, name: a.name, role: a.role } : null;
  return [
    ...crowd.steady.map((r) => ({
      label: r.label,
      viewer: viewer(r.account),
      thread: r.reader.thread,
      socket: r.reader.socket,
      newSession: r.newSessions > 0,
    })),
    ...crowd.writers.map((w) => ({
      label: `${w.account.name} (writer)`,
      viewer: viewer(w.account),
      thread: w.reader.thread,
      socket: w.reader.socket,
      newSession: false,
    })),
  ];
}

export function disperse(crowd: Crowd): void {
  for (const r of crowd.steady) r.reader.close();
  for (const w of crowd.writers) w.reader.close();
  crowd.moderator.close();
  crowd.host.socket.close();
  for (const m of crowd.audience) m.socket.close();
  for (const e of crowd.editors) {
    e.provider.destroy();
    e.doc.destroy();
  }
}
