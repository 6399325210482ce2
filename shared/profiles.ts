/**
 * A user's public profile (`GET /api/users/by-name/:name/profile`; docs/PROTOCOL.md, "Profiles"):
 * who they are, the badges they hold, the stances they took in public, and a page of their comments
 * as the viewer may see them.
 */
import type { Comment, Role } from './types.js';

/** A badge on a profile: a global role (moderator, admin, host) or having argued on a debate roster. */
export type ProfileBadge = 'moderator' | 'admin' | 'host' | 'debater';

/**
 * A stance the user took in public in one debate: as a debater on its roster, or declared on their
 * own visible comments (each comment names its position). Never a ballot: audience votes stay secret.
 */
export interface ProfileStance {
  debateId: string;
  motion: string;
  article: { slug: string; title: string };
  position: { id: string; name: string };
  /** `debater`: they argued it on the roster; `comments`: they declared it on this many comments. */
  source: 'debater' | 'comments';
  comments: number;
}

/** One of the user's comments on a profile, with the article it was posted under. */
export interface ProfileComment {
  comment: Comment;
  article: { slug: string; title: string };
}

export interface Profile {
  user: { id: string; name: string; role: Role; joinedAt: string };
  badges: ProfileBadge[];
  stances: ProfileStance[];
  /** Newest first. Readers see visible comments; moderators also see held and removed ones (marked by status). */
  comments: ProfileComment[];
  /** The cursor of the next page of comments (`after=`), null on the last. */
  next: string | null;
}

/** The badges a role gives on its own (debater comes from rosters). */
export function roleBadges(role: Role): ProfileBadge[] {
  return role === 'reader' ? [] : [role];
}
