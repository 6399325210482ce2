/**
 * First-start demo content: on an empty store, imports the demo article (shipped in this folder) and,
 * outside production, demo accounts for a reader, a moderator, a host and an admin; with those, the
 * article's debate and statements for its common ground.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { templatePlan } from '../../shared/debate/model.js';
import type { Role } from '../../shared/types.js';
import { initialState } from '../../shared/debate/machine.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { Deps } from '../domain/deps.js';
import { nameKeyOf } from '../domain/users.js';

const DEMO_ARTICLE = new URL('./pakistan-afghanistan-peace-talks.md', import.meta.url);

/** Demo sign-ins, printed by the start-up banner. The host has the host role: it may create debates it hosts. */
export const DEMO_ACCOUNTS: ReadonlyArray<{ name: string; password: string; role: Role; label: string }> = [
  { name: 'reader', password: 'parley-reader', role: 'reader', label: 'reader' },
  { name: 'moderator', password: 'parley-moderator', role: 'moderator', label: 'moderator' },
  { name: 'host', password: 'parley-host', role: 'host', label: 'host (debates)' },
  { name: 'admin', password: 'parley-admin', role: 'admin', label: 'admin' },
];

const frontMatter = z.object({
  slug: z.string(),
  title: z.string(),
  published: z.union([z.string(), z.date()]).optional(),
  debate_motion: z.string().optional(),
  positions: z.array(z.string()).optional(),
});

/** Splits a Markdown file with YAML front matter into its fields and body. */
export function parseArticleFile(text: string) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error('demo article has no front matter');
  const meta = frontMatter.parse(parseYaml(match[1]!));
  const published = meta.published ? new Date(meta.published).toISOString() : null;
  return {
    slug: meta.slug,
    title: meta.title,
    body: match[2]!.trim(),
    motion: meta.debate_motion ?? null,
    positions: meta.positions ?? [],
    publishedAt: published,
  };
}

/** The demo accounts that still sign in with their demo password (the banner shows only those). */
export async function existingDemoAccounts(deps: Deps): Promise<typeof DEMO_ACCOUNTS> {
  const found = [];
  for (const account of DEMO_ACCOUNTS) {
    const user = await deps.store.getUserByNameKey(nameKeyOf(account.name));
    if (user?.passwordHash && (await verifyPassword(account.password, user.passwordHash))) found.push(account);
  }
  return found;
}

export interface SeedResult {
  importedArticle: boolean;
  createdAccounts: string[];
  createdDebate?: boolean;
}

/**
 * Runs on every start; does nothing to a store that already has articles or users, so a restart never
 * imports twice.
 */
export async function seedDemo(deps: Deps, options: { accounts: boolean; debate: boolean }): Promise<SeedResult> {
  const result: SeedResult = { importedArticle: false, createdAccounts: [] };
  let adminId: string | null = null;
  if (options.accounts && (await deps.store.countUsers()) === 0) {
    for (const account of DEMO_ACCOUNTS) {
      const user = await deps.store.createUser({
        name: account.name,
        nameKey: nameKeyOf(account.name),
        passwordHash: await hashPassword(account.password),
        role: account.role,
        email: null,
        ssoProvider: null,
        ssoSubject: null,
      });
      if (account.role === 'admin') adminId = user.id;
      result.createdAccounts.push(account.name);
    }
  }
  if ((await deps.store.countArticles()) === 0) {
    const article = parseArticleFile(readFileSync(DEMO_ARTICLE, 'utf8'));
    const stored = await deps.store.createArticle({ ...article, createdBy: adminId });
    result.importedArticle = true;
    // With the demo accounts, the article's motion comes ready as a debate hosted by "host".
    const host = options.accounts && options.debate ? await deps.store.getUserByNameKey(nameKeyOf('host')) : null;
    if (host && stored.motion && stored.positions.length >= 2) {
      const positions = stored.positions.map((name) => ({ id: randomUUID(), name, debaterIds: [] }));
      const debate = await deps.store.createDebate({
        articleId: stored.id,
        hostId: host.id,
        motion: stored.motion,
        positions,
      });
      const plan = templatePlan('oxford', positions);
      await deps.store.createDebateSession({
        debateId: debate.id,
        template: 'oxford',
        plan,
        state: initialState(plan),
      });
      result.createdDebate = true;
      await seedStatements(deps, stored.id, adminId);
    }
  }
  return result;
}

/**
 * Statements for the demo article's common ground (issue 16), so a first visit shows what readers
 * vote on. Written to be agreeable or disputed from either side of the article's question.
 */
const DEMO_STATEMENTS = [
  'Civilians on both sides of the border must be protected whoever fired first.',
  'A ceasefire watched by neutral observers would help both nations.',
  'Pakistan bears the greater responsibility for upholding the ceasefire.',
  'Afghanistan bears the greater responsibility for upholding the ceasefire.',
  'The border crossings should reopen for trade while talks go on.',
  'Armed groups sheltering across the border are the root of the crisis.',
];

async function seedStatements(deps: Deps, articleId: string, adminId: string | null): Promise<void> {
  const start = deps.now().getTime();
  for (const [i, text] of DEMO_STATEMENTS.entries()) {
    // A millisecond apart, so they list in this order (statements list oldest first).
    const at = new Date(start + i).toISOString();
    await deps.store.addGroundStatement({
      scope: { kind: 'article', id: articleId },
      text,
      status: 'approved',
      commentId: null,
      proposedBy: adminId,
      decidedBy: adminId,
      decidedAt: at,
      createdAt: at,
    });
  }
}
