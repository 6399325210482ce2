/**
 * Common ground (issue 16) in Chromium. A moderator adds statements on the demo article through the
 * panel and makes one of their comments a statement; a reader proposes one and sees the approval
 * arrive live. The reader votes through the page, then twenty readers on sockets vote with a planted
 * split: the reader's open page draws the groups, the consensus and divisive lists and the map with
 * "You" without a reload, and no frame the page receives names another voter. The debate panel shows
 * the positions over its own groups, the report keeps it all, axe finds nothing serious and nothing
 * scrolls sideways at 390 px. Screenshots go to SCREENSHOT_DIR/common-ground-*.png.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { GroundScope, GroundVote } from '../../shared/common-ground.js';
import { request, type ParleyClientSocket } from '../../client/src/realtime/requests.js';
import { scrollsSideways, seriousAxeViolations } from '../helpers/axe.js';
import { SCREENSHOT_DIR, skipBrowserTests, withServerAndBrowser } from '../helpers/browser.js';
import { DEMO_ARTICLE_PATH, DEMO_SLUG, demoDebate } from '../helpers/demo-debate.js';
import { connectSocket, newUser } from '../helpers/live.js';
import { signedInPage } from '../helpers/pages.js';
import { plantedMatrix, rowVotes } from '../helpers/planted-votes.js';
import { api, signInAs, type TestServer } from '../helpers/server.js';

const WAIT = { timeout: 20_000 };
/** Readers on sockets in each camp; the page's reader joins camp 0. */
const CAMPS = [10, 10];

/** Every WebSocket frame `page` receives from now on, as text. */
function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => frames.push(typeof payload === 'string' ? payload : payload.toString()));
  });
  return frames;
}

/**
 * Votes with a planted structure over `statementIds`: the camps part on `divisive` of them and all
 * agree with the rest. The shared statements are agreed by everyone who saw them, so which ones are
 * consensus is certain; the divisive ones carry some noise, so the map is not a few stacked dots.
 */
function plantedVotes(statementIds: string[], divisive: number, seed: number) {
  const planted = plantedMatrix({
    camps: [CAMPS[0]! + 1, CAMPS[1]!],
    divisive,
    shared: statementIds.length - divisive,
    noise: 0.1,
    passShare: 0.05,
    unseenShare: 0.1,
    seed,
  });
  const { matrix, campOf, sharedColumns, leaning } = planted;
  const rows = campOf
    .map((camp, row) => {
      const votes = rowVotes(matrix, row, statementIds);
      for (const column of sharedColumns) if (votes[statementIds[column]!]) votes[statementIds[column]!] = 'agree';
      return { camp, votes };
    })
    // By camp, so row i is of the same camp in every plan with these camps (one voter, one camp).
    .sort((a, b) => a.camp - b.camp);
  // The page's reader: one row of camp 0 taken out, voting its camp's leaning on every statement.
  const mine = rows.findIndex((r) => r.camp === 0);
  rows.splice(mine, 1);
  const readerVotes = Object.fromEntries(
    statementIds.map((id, column) => [id, (leaning[0]![column]! > 0 ? 'agree' : 'disagree') as GroundVote]),
  );
  return {
    rows,
    readerVotes,
    shared: sharedColumns.map((c) => statementIds[c]!),
    divisive: statementIds.filter((_, c) => !sharedColumns.includes(c)),
  };
}

const standingTexts = (panel: Locator, testId: string) =>
  panel.getByTestId(testId).locator('.ground-standings__text').allTextContents();

async function addThroughPanel(panel: Locator, text: string): Promise<void> {
  await panel.getByLabel('A statement for everyone to vote on').fill(text);
  await panel.getByRole('button', { name: 'Add statement', exact: true }).click();
  await panel.getByTestId('ground-statement').filter({ hasText: text }).waitFor(WAIT);
}

async function approvedStatements(socket: ParleyClientSocket, scope: GroundScope) {
  return (await request(socket, 'ground:watch', { scope })).statements;
}

describe.skipIf(skipBrowserTests)('browser: common ground', () => {
  let t: TestServer;
  let browser: Browser;
  withServerAndBrowser((server, chromium) => {
    t = server;
    browser = chromium;
  });

  it('collects statements, draws the groups live as votes arrive, and keeps every vote private', async () => {
    const { debateId, hostToken } = await demoDebate(t.url, { session: { template: 'oxford' } });
    const articleId = (await api(t.url, `/api/articles/${DEMO_SLUG}`)).body.article.id as string;
    const articleScope: GroundScope = { kind: 'article', id: articleId };
    const debateScope: GroundScope = { kind: 'debate', id: debateId };

    const moderator = await signedInPage(browser, t.url, 'moderator', 'parley-moderator', '/');
    const moderatorFrames = recordFrames(moderator);
    await moderator.goto(t.url + DEMO_ARTICLE_PATH);
    const reader = await signedInPage(browser, t.url, 'reader', 'parley-reader', '/');
    const readerFrames = recordFrames(reader);
    await reader.goto(t.url + DEMO_ARTICLE_PATH);
    const modPanel = moderator.getByTestId('common-ground');
    const panel = reader.getByTestId('common-ground');
    await panel.getByText('No statements yet').waitFor(WAIT);

    // The moderator adds statements through the panel; they reach the reader's page live.
    const typed = [
      'Both governments want the border crossings open for trade.',
      'Refugees on both sides of the border deserve protection.',
      'Islamabad carries the greater responsibility for the clashes.',
    ];
    for (const text of typed) await addThroughPanel(modPanel, text);
    await panel.getByTestId('ground-statement').filter({ hasText: typed[2]! }).waitFor(WAIT);

    // ... and makes one of their comments a statement.
    const comment = 'Kabul must act against the armed camps on its side of the border.';
    await moderator.getByLabel('Write a comment').fill(comment);
    await moderator.getByRole('button', { name: 'Post comment' }).click();
    const posted = moderator.getByTestId('comment').filter({ hasText: comment });
    await posted.getByRole('button', { name: 'Make a statement', exact: true }).click();
    await posted.getByText('Made a statement.').waitFor(WAIT);
    await panel.getByTestId('ground-statement').filter({ hasText: comment }).waitFor(WAIT);

    // The reader proposes one: it waits, the moderator approves it, and it opens for votes live.
    const proposal = 'A ceasefire watched by neutral observers would help both nations.';
    await panel.getByLabel('A statement for everyone to vote on').fill(proposal);
    await expect.poll(() => panel.getByText(`${proposal.length} / 280 characters`).count(), WAIT).toBe(1);
    await panel.getByRole('button', { name: 'Propose', exact: true }).click();
    await panel.getByTestId('ground-my-proposals').getByText('Waiting for a moderator').waitFor(WAIT);
    const queued = modPanel.getByTestId('ground-proposals').locator('li').filter({ hasText: proposal });
    await queued.getByText('Proposed by reader').waitFor(WAIT);
    await moderator.getByTestId('common-ground').screenshot({ path: `${SCREENSHOT_DIR}/common-ground-moderator.png` });
    await queued.getByRole('button', { name: 'Approve', exact: true }).click();
    await panel.getByTestId('ground-statement').filter({ hasText: proposal }).waitFor(WAIT);
    await panel.getByText(`Your statement “${proposal}” was approved`).waitFor(WAIT);
    expect(await panel.getByTestId('ground-my-proposals').count()).toBe(0);

    // Three more over the moderator's socket: eight statements in all.
    const modSocket = await connectSocket(t.url, await signInAs(t.url, 'moderator'));
    for (const text of [
      'Pakistan’s airstrikes across the border were justified.',
      'The Taliban government must keep its Doha commitments.',
      'حركة التجارة عبر معبر طورخم تفيد الناس العاديين.',
    ])
      await request(modSocket, 'ground:propose', { scope: articleScope, text });
    const statements = await approvedStatements(modSocket, articleScope);
    expect(statements).toHaveLength(8);
    await expect.poll(() => panel.getByTestId('ground-statement').count(), WAIT).toBe(8);
    // Right-to-left text takes its own direction.
    expect(await panel.getByTestId('ground-statement').filter({ hasText: 'طورخم' }).locator('[dir=auto]').count()).toBe(
      1,
    );

    const ids = statements.map((s) => s.id);
    const textOf = new Map(statements.map((s) => [s.id, s.text]));
    const plan = plantedVotes(ids, 5, 7);

    // The reader votes through the page: toggle buttons, the vote changeable, the progress counted.
    await panel
      .getByText(/Not enough votes yet: groups appear once 5 people have voted on 3 statements/)
      .first()
      .waitFor();
    for (const id of ids) {
      const item = panel.locator(`[data-testid=ground-statement][data-statement-id="${id}"]`);
      const choice = plan.readerVotes[id] === 'agree' ? 'Agree' : 'Disagree';
      if (id === ids[0]) {
        // A first vote changed: Pass, then the camp's vote.
        await item.getByRole('button', { name: 'Pass', exact: true }).click();
        await expect
          .poll(() => item.getByRole('button', { name: 'Pass', exact: true }).getAttribute('aria-pressed'), WAIT)
          .toBe('true');
      }
      await item.getByRole('button', { name: choice, exact: true }).click();
      await expect
        .poll(() => item.getByRole('button', { name: choice, exact: true }).getAttribute('aria-pressed'), WAIT)
        .toBe('true');
      expect(await item.getByRole('button', { name: 'Pass', exact: true }).getAttribute('aria-pressed')).toBe('false');
    }
    await expect.poll(() => panel.getByTestId('ground-progress').textContent(), WAIT).toBe('8 of 8 statements voted');

    // Twenty readers on sockets vote with the planted split, on the article and in the debate.
    const voters = await Promise.all(
      plan.rows.map(async (row, i) => {
        const user = await newUser(t.url, `ground-voter-${i}`);
        return { ...row, ...user, socket: await connectSocket(t.url, user.token) };
      }),
    );
    const voterIds = voters.map((v) => v.userId);
    await Promise.all(
      voters.map(async (v) => {
        for (const [statementId, vote] of Object.entries(v.votes))
          await request(v.socket, 'ground:vote', { statementId, vote });
      }),
    );

    // The open page follows without a reload: the groups, the consensus (exactly the shared
    // statements), the divisive ones, the map and the reader's own point.
    await expect
      .poll(async () => (await standingTexts(panel, 'ground-consensus')).sort(), WAIT)
      .toEqual(plan.shared.map((id) => textOf.get(id)).sort());
    const divisive = await standingTexts(panel, 'ground-divisive');
    expect(divisive.length).toBeGreaterThan(0);
    for (const text of divisive) expect(plan.divisive.map((id) => textOf.get(id))).toContain(text);
    await panel.getByTestId('ground-map-you').waitFor(WAIT);
    const caption = await panel.getByTestId('ground-map-caption').textContent();
    expect(caption).toMatch(/Group A: \d+ people; Group B: \d+ people.*; you are nearest Group [AB]\./);
    await expect(panel.getByTestId('ground-you').textContent()).resolves.toMatch(/You are nearest Group [AB]/);
    expect(await panel.getByText(/^Group [AB] \d+ % agree$/).count()).toBeGreaterThan(0);
    // Each statement's overall split is counts only.
    await expect(panel.getByTestId('ground-split').first().textContent()).resolves.toMatch(
      /\d+ agree, \d+ disagree, \d+ pass/,
    );

    // The debate's own statements (its host adds them) and its audience's positions over its groups.
    const hostSocket = await connectSocket(t.url, hostToken);
    const debateTexts = [
      'The ceasefire line needs international monitors.',
      'Trade sanctions would hurt ordinary families most.',
      'Pakistan’s government bears the greater responsibility.',
      'Afghanistan’s government bears the greater responsibility.',
      'Border closures have gone on for too long.',
    ];
    for (const text of debateTexts) await request(hostSocket, 'ground:propose', { scope: debateScope, text });
    const debateIds = (await approvedStatements(hostSocket, debateScope)).map((s) => s.id);
    await request(hostSocket, 'debate:join', { debateId });
    await request(hostSocket, 'debate:command', { debateId, command: 'open-pre-vote' });
    const debatePlan = plantedVotes(debateIds, 3, 11);
    const debateView = await request(hostSocket, 'debate:join', { debateId });
    const positionIds = debateView.positions.map((p) => p.id);
    await Promise.all(
      voters.map(async (v, i) => {
        await request(v.socket, 'debate:join', { debateId });
        await request(v.socket, 'debate:vote', { debateId, positionId: positionIds[v.camp]! });
        const row = debatePlan.rows[i]!;
        expect(row.camp).toBe(v.camp);
        for (const [statementId, vote] of Object.entries(row.votes))
          await request(v.socket, 'ground:vote', { statementId, vote });
      }),
    );
    const debatePanel = reader.getByTestId('debate-common-ground');
    await debatePanel.getByTestId('ground-spread').waitFor(WAIT);
    await expect
      .poll(() => debatePanel.getByTestId('ground-spread').textContent(), WAIT)
      .toMatch(/Pakistan.*Afghanistan/);
    await expect(debatePanel.getByTestId('ground-spread').textContent()).resolves.toMatch(/\d+ in Group A/);
    await debatePanel.screenshot({ path: `${SCREENSHOT_DIR}/common-ground-debate.png` });

    // Privacy: the pages heard the analysis live, and no frame named any voter.
    expect(readerFrames.some((f) => f.includes('"ground:analysis"'))).toBe(true);
    for (const frame of [...readerFrames, ...moderatorFrames])
      for (const id of voterIds) expect(frame.includes(id), `a frame names voter ${id}`).toBe(false);

    expect(await seriousAxeViolations(reader)).toEqual([]);
    await panel.screenshot({ path: `${SCREENSHOT_DIR}/common-ground-article.png` });

    // Keyboard: the panel folds and opens again from its heading.
    const toggle = panel.getByRole('button', { name: 'Common ground', exact: true });
    await toggle.focus();
    await reader.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded'), WAIT).toBe('false');
    expect(await panel.getByTestId('ground-map').isVisible()).toBe(false);
    await reader.keyboard.press('Enter');
    await panel.getByTestId('ground-map').waitFor(WAIT);

    // A phone: nothing sideways, nothing serious for axe.
    const phone = await reader.context().newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(t.url + DEMO_ARTICLE_PATH);
    const phonePanel = phone.getByTestId('common-ground');
    await phonePanel.getByTestId('ground-map-you').waitFor(WAIT);
    await phone.getByTestId('debate-common-ground').getByTestId('ground-spread').waitFor(WAIT);
    expect(await scrollsSideways(phone)).toBeNull();
    expect(await seriousAxeViolations(phone)).toEqual([]);
    await phonePanel.screenshot({ path: `${SCREENSHOT_DIR}/common-ground-390.png` });

    // A moderator withdraws a statement: it leaves the reader's open page at once.
    await moderator.goto(t.url + DEMO_ARTICLE_PATH);
    const first = moderator.getByTestId('common-ground').getByTestId('ground-statement').first();
    const withdrawnId = await first.getAttribute('data-statement-id');
    await first.getByRole('button', { name: /^Withdraw: / }).click();
    await first.screenshot({ path: `${SCREENSHOT_DIR}/common-ground-withdraw.png` });
    await first.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await expect.poll(() => panel.locator(`[data-statement-id="${withdrawnId}"]`).count(), WAIT).toBe(0);

    // The report keeps the debate's common ground (a moderator reads it before the reveal).
    await moderator.goto(`${t.url}/debates/${debateId}/report`);
    const report = moderator.getByTestId('report-common-ground');
    await report.getByTestId('ground-map').waitFor(WAIT);
    await report.getByTestId('ground-spread').waitFor(WAIT);
    expect(await report.getByTestId('ground-map-you').count()).toBe(0);
    expect(await seriousAxeViolations(moderator)).toEqual([]);
    await report.screenshot({ path: `${SCREENSHOT_DIR}/common-ground-report.png` });

    for (const v of voters) v.socket.close();
    modSocket.close();
    hostSocket.close();
    await moderator.context().close();
    await reader.context().close();
  }, 180_000);
});
