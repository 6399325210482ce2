/**
 * Readers. Steady ones join at the start and stay to the end, where each one's thread is compared
 * with the store; some of them drop their transport now and then (socket.io recovers the session
 * and replays what was missed) or disconnect and come back (a new session: LiveThread joins again
 * and syncs from its last seq). Others come and go all through the run, some dropping their
 * transport while they are there.
 */
import { nextEvent } from '../../test/helpers/wait.js';
import { openReader, type Reader } from '../../test/helpers/live.js';
import type { Account, Soak } from './context.js';
import { between, every, jitter, pause } from './pace.js';
import { PLAN } from './plan.js';

export type DropKind = 'none' | 'transport' | 'disconnect';

export interface SteadyReader {
  label: string;
  account: Account | null;
  reader: Reader;
  drops: DropKind;
  /** Reconnects that got a new session (rooms gone: LiveThread joined again and synced). */
  newSessions: number;
}

/** A reconnect longer than this is an error: the client retries every 0.1 to 0.5 s. */
const RECONNECT_CAP_MS = 30_000;

/** Guests first, then the signed-in accounts; the first ones drop their transport, the next ones disconnect. */
export async function openSteadyReaders(soak: Soak, guests: number, accounts: Account[]): Promise<SteadyReader[]> {
  const who: Array<Account | null> = [...Array.from({ length: guests }, () => null), ...accounts];
  return Promise.all(
    who.map(async (account, i) => {
      const drops: DropKind =
        i < PLAN.steadyTransportDrops
          ? 'transport'
          : i < PLAN.steadyTransportDrops + PLAN.steadyDisconnects
            ? 'disconnect'
            : 'none';
      const label = `${account ? account.name : `guest-${i}`} (${drops === 'none' ? 'never drops' : `${drops} drops`})`;
      const steady: SteadyReader = {
        label,
        account,
        drops,
        reader: await openReader(soak.base, soak.slug, account),
        newSessions: 0,
      };
      steady.reader.socket.on('connect', () => {
        if (steady.reader.socket.recovered) soak.tally.done('reader:session-recovered');
        else {
          steady.newSessions += 1;
          soak.tally.done('reader:session-new');
        }
      });
      return steady;
    }),
  );
}

/** Breaks the transport under the socket; resolves once socket.io is connected again. */
export async function dropTransport(soak: Soak, reader: Reader): Promise<void> {
  if (!reader.socket.connected) return;
  const back = nextEvent(reader.socket, 'connect', () => true, RECONNECT_CAP_MS);
  reader.socket.io.engine.close();
  await soak.tally.attempt('reader:transport-drop', [], () => back);
}

/** Disconnects for a moment and connects again (always, even when the run ends meanwhile). */
async function disconnectAndReturn(soak: Soak, reader: Reader): Promise<void> {
  reader.socket.disconnect();
  await pause(between(PLAN.disconnectForMs), soak.signal);
  const back = nextEvent(reader.socket, 'connect', () => true, RECONNECT_CAP_MS);
  reader.socket.connect();
  await soak.tally.attempt('reader:disconnect', [], () => back);
}

export function runDrops(soak: Soak, r: SteadyReader): Promise<void> {
  if (r.drops === 'none') return Promise.resolve();
  const drop = r.drops === 'transport' ? dropTransport : disconnectAndReturn;
  return every(
    soak.signal,
    PLAN.dropEveryMs,
    () => drop(soak, r.reader),
    (err) => soak.tally.error('reader:drop', String(err)),
  );
}

/** Keeps about PLAN.churnReaders readers coming and going until the run ends; half are signed in. */
export async function runChurn(soak: Soak, accounts: Account[]): Promise<void> {
  const visits = new Set<Promise<void>>();
  const meanStay = (PLAN.churnStayMs[0] + PLAN.churnStayMs[1]) / 2;
  let n = 0;
  while (await pause(jitter(meanStay / PLAN.churnReaders), soak.signal)) {
    if (visits.size >= PLAN.churnReaders) continue;
    n += 1;
    const account = n % 2 === 0 ? accounts[(n / 2) % accounts.length]! : null;
    const v: Promise<void> = visit(soak, account, n % PLAN.churnDropOneIn === 0).finally(() => visits.delete(v));
    visits.add(v);
  }
  await Promise.all(visits);
}

async function visit(soak: Soak, account: Account | null, drops: boolean): Promise<void> {
  const reader = await soak.tally.attempt('reader:join', [], () => openReader(soak.base, soak.slug, account));
  if (!reader) return;
  try {
    const stay = between(PLAN.churnStayMs);
    if (drops && (await pause(stay / 2, soak.signal))) await dropTransport(soak, reader);
    await pause(drops ? stay / 2 : stay, soak.signal);
  } finally {
    reader.close();
    soak.tally.done('reader:leave');
  }
}
