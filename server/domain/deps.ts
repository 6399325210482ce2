/** What every use case gets: one object instead of positional parameters (STYLE). */
import type { Logger } from 'pino';
import type { TokenService } from '../auth/tokens.js';
import type { Bus } from '../bus/bus.js';
import type { Limits } from '../bus/limits.js';
import type { Mailer } from '../mail/mailer.js';
import type { Store } from '../store/store.js';
import type { CommonGroundGroups } from './common-ground/groups.js';
import type { OverloadGuard } from './overload.js';

export interface Deps {
  store: Store;
  bus: Bus;
  limits: Limits;
  tokens: TokenService;
  log: Logger;
  now: () => Date;
  refreshTtlDays: number;
  /** Seconds after posting during which the author may edit. */
  editWindowSeconds: number;
  /** Called when a debate changes phase: takes named versions of its summaries (collab/). */
  debatePhaseChanged?: (debateId: string, label: string) => Promise<void>;
  /** Publisher single sign-on; null when SSO_SECRET is unset. */
  sso: { secret: string; provider: string } | null;
  /** Outgoing e-mail (SMTP_URL); null or absent: none is sent. */
  mailer?: Mailer | null;
  /**
   * Where users open Parley, for links in e-mail (PUBLIC_URL). Absent: the request's own address;
   * null: no address known (production without PUBLIC_URL), so no link is mailed (account-recovery.ts).
   */
  publicUrl?: string | null;
  /** Refuses new writes past this process's capacity (OVERLOADED); absent: every write is admitted. */
  overload?: OverloadGuard;
  /** The opinion groups of common ground (issue 16), set by the realtime layer that keeps them current. */
  commonGround?: CommonGroundGroups;
}
