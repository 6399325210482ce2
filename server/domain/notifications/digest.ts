/**
 * E-mail digests of unread notifications (issue 15), for users who asked for them (settings
 * `digest`), when SMTP is configured (deps.mailer). One run per DIGEST_MINUTES window across all
 * processes: runs are aligned to the window's start, and the one process that claims the window's
 * marker (bus/lease.ts claimOnce) sends, holding a run lease so that runs never overlap; the others
 * skip it. Each notification goes in one digest only (marked digested after its mail is accepted),
 * so a user gets at most one digest a window.
 */
import type { Leases } from '../../bus/lease.js';
import type { Mailer } from '../../mail/mailer.js';
import type { NotificationRecord } from '../../store/notification-store.js';
import type { Deps } from '../deps.js';

/** Held by the process sending digests, so two runs never overlap (released at the end). */
const RUN_LEASE = 'digest-run';
/** Longer than any run takes; a run's process that dies frees it after this. */
const RUN_LEASE_MS = 10 * 60_000;
/** Recipients one run handles; the rest wait for the next window. */
const RECIPIENTS_PER_RUN = 500;
/** Notifications listed in one digest (the newest); the mail says how many more are waiting. */
const ITEMS_PER_DIGEST = 20;

function line(n: NotificationRecord, base: string): string {
  const where = n.articleTitle ? ` (${n.articleTitle})` : '';
  const what =
    n.kind === 'reply'
      ? `${n.actorName ?? 'Someone'} replied to you${where}: “${n.excerpt}”`
      : n.kind === 'mention'
        ? `${n.actorName ?? 'Someone'} mentioned you${where}: “${n.excerpt}”`
        : n.kind === 'moderation'
          ? `A moderator ${n.action ?? 'acted on'} your comment${where}${n.reason ? `. Reason: ${n.reason}` : ''}`
          : `A debate you follow is live${where}: ${n.excerpt}`;
  const link =
    base && n.articleSlug
      ? `\n  ${base}/a/${encodeURIComponent(n.articleSlug)}${n.commentId ? `#comment-${n.commentId}` : ''}`
      : '';
  return `- ${what}${link}`;
}

/** The digest's text for one user. */
export function digestText(items: NotificationRecord[], unread: number, publicUrl: string): string {
  const base = publicUrl.replace(/\/+$/u, '');
  const more = unread > items.length ? `\n…and ${unread - items.length} more.` : '';
  const settings = base ? `\n\nChoose what you hear about: ${base}/notifications/settings` : '';
  return `You have ${unread} unread notification${unread === 1 ? '' : 's'} on Parley.\n\n${items
    .map((n) => line(n, base))
    .join('\n')}${more}${settings}\n`;
}

/** Sends one digest to each user who wants one and has news; returns how many were sent. */
export async function sendDigests(deps: Deps, mailer: Mailer, publicUrl: string): Promise<number> {
  let sent = 0;
  for (const userId of await deps.store.listDigestRecipients(RECIPIENTS_PER_RUN)) {
    try {
      const user = await deps.store.getUser(userId);
      if (!user?.email) continue;
      const items = await deps.store.listUndigested(userId, ITEMS_PER_DIGEST);
      if (items.length === 0) continue;
      const unread = await deps.store.countUnreadNotifications(userId);
      await mailer.send({
        to: user.email,
        subject: `Parley: ${unread} unread notification${unread === 1 ? '' : 's'}`,
        text: digestText(items, unread, publicUrl),
      });
      // After the send: a crash in between sends this digest again next window rather than never.
      const undigested = await deps.store.listUndigested(userId, 10_000);
      await deps.store.markDigested(
        undigested.map((n) => n.id),
        deps.now().toISOString(),
      );
      sent++;
    } catch (err) {
      deps.log.warn({ err, userId }, 'digest not sent; it is tried again next window');
    }
  }
  return sent;
}

export interface DigestSchedule {
  stop(): Promise<void>;
}

/**
 * Runs sendDigests once per window of `everyMs`, at the window's start, in the one process that
 * claims it. Nothing runs without a mailer.
 */
export function startDigests(
  deps: Deps,
  options: { mailer: Mailer | null | undefined; leases: Leases; everyMs: number; publicUrl: string },
): DigestSchedule {
  const { mailer, leases, everyMs } = options;
  if (!mailer) return { stop: async () => undefined };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    const now = Date.now();
    timer = setTimeout(tick, everyMs - (now % everyMs));
    timer.unref();
  };
  const tick = () => {
    const window = Math.floor(Date.now() / everyMs);
    running = (async () => {
      try {
        if (!(await leases.claimOnce(`digest:${window}`, everyMs * 2))) return;
        // One run at a time across processes: a run still sending (a slow SMTP server) when the next
        // window starts must finish marking what it sent before another run lists what is unsent.
        if (!(await leases.acquire(RUN_LEASE, RUN_LEASE_MS))) return;
        try {
          await sendDigests(deps, mailer, options.publicUrl);
        } finally {
          await leases.release(RUN_LEASE);
        }
      } catch (err) {
        deps.log.warn({ err }, 'digest run failed; the next window tries again');
      }
    })();
    arm();
  };
  arm();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
