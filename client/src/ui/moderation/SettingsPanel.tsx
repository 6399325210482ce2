import { useEffect, useId, useState, type FormEvent } from 'react';
import { SLOW_MODE_LIMITS } from '../../../../shared/schemas.js';
import { PREMOD_MODES, type ArticleSettings, type PremodMode } from '../../../../shared/types.js';
import type { ParleyClientSocket } from '../../realtime/requests.js';
import { request } from '../../realtime/requests.js';
import { modErrorMessage, PREMOD_LABELS } from './rules.js';
import type { ArticleRef } from './useDesk.js';

interface Draft {
  premod: PremodMode;
  commentsOpen: boolean;
  slowModeSeconds: string;
  autoSlowModePerMinute: string;
  autoSlowModeSeconds: string;
  bannedWords: string;
  suspectWords: string;
  reportThreshold: string;
}

const toDraft = (s: ArticleSettings): Draft => ({
  premod: s.premod,
  commentsOpen: s.commentsOpen,
  slowModeSeconds: String(s.slowModeSeconds),
  autoSlowModePerMinute: String(s.autoSlowModePerMinute),
  autoSlowModeSeconds: String(s.autoSlowModeSeconds),
  bannedWords: s.bannedWords.join('\n'),
  suspectWords: s.suspectWords.join('\n'),
  reportThreshold: String(s.reportThreshold),
});

/** One word or phrase a line; blank lines and repeats dropped. */
const lines = (text: string) => [
  ...new Set(
    text
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean),
  ),
];

function isPremod(value: string): value is PremodMode {
  return (PREMOD_MODES as readonly string[]).includes(value);
}

/** Reads a draft into settings, or says what is wrong with it. */
function parse(d: Draft): ArticleSettings | string {
  const slow = Number(d.slowModeSeconds);
  const autoPerMinute = Number(d.autoSlowModePerMinute);
  const autoSeconds = Number(d.autoSlowModeSeconds);
  const threshold = Number(d.reportThreshold);
  const { secondsMax, autoPerMinuteMax } = SLOW_MODE_LIMITS;
  if (!Number.isInteger(slow) || slow < 0 || slow > secondsMax)
    return `Slow mode must be a whole number of seconds from 0 to ${secondsMax}.`;
  if (!Number.isInteger(autoPerMinute) || autoPerMinute < 0 || autoPerMinute > autoPerMinuteMax)
    return `Automatic slow mode must engage at a whole number of comments a minute from 0 to ${autoPerMinuteMax}.`;
  if (!Number.isInteger(autoSeconds) || autoSeconds < 1 || autoSeconds > secondsMax)
    return `Automatic slow mode must wait a whole number of seconds from 1 to ${secondsMax}.`;
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > 1000)
    return 'The report threshold must be a whole number from 1 to 1000.';
  const banned = lines(d.bannedWords);
  const suspect = lines(d.suspectWords);
  if ([...banned, ...suspect].some((w) => w.length > 60))
    return 'Each word or phrase may be at most 60 characters long.';
  if (banned.length > 500 || suspect.length > 500) return 'Each list may hold at most 500 entries.';
  return {
    premod: d.premod,
    commentsOpen: d.commentsOpen,
    slowModeSeconds: slow,
    autoSlowModePerMinute: autoPerMinute,
    autoSlowModeSeconds: autoSeconds,
    bannedWords: banned,
    suspectWords: suspect,
    reportThreshold: threshold,
  };
}

/**
 * The discussion settings of one article: pre-moderation, comments open, slow mode (set by hand,
 * and automatic: engaged by a busy discussion), banned and suspect words, and the report threshold. Read with `mod:article-settings`, saved with `mod:settings`.
 */
export function SettingsPanel({
  socket,
  articles,
  articleId,
}: {
  socket: ParleyClientSocket;
  articles: ArticleRef[];
  articleId: string | null;
}) {
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(articleId);
  const target = articleId ?? chosen ?? articles[0]?.id ?? null;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  // Another article (or socket) starts with nothing loaded; reset while rendering, not in the effect.
  const [loadedFor, setLoadedFor] = useState({ socket, target });
  if (loadedFor.socket !== socket || loadedFor.target !== target) {
    setLoadedFor({ socket, target });
    setDraft(null);
    setStatus(null);
  }

  useEffect(() => {
    if (!target) return;
    let current = true;
    request(socket, 'mod:article-settings', { articleId: target }).then(
      (settings) => {
        if (current) setDraft(toDraft(settings));
      },
      (err: unknown) => {
        if (current) setStatus({ text: `Could not load the settings. ${modErrorMessage(err)}`, error: true });
      },
    );
    return () => {
      current = false;
    };
  }, [socket, target]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft || !target) return;
    const settings = parse(draft);
    if (typeof settings === 'string') return setStatus({ text: settings, error: true });
    setBusy(true);
    setStatus(null);
    try {
      const saved = await request(socket, 'mod:settings', { articleId: target, settings });
      setDraft(toDraft(saved));
      setStatus({ text: 'Settings saved. Open pages follow at once.', error: false });
    } catch (err) {
      setStatus({ text: modErrorMessage(err), error: true });
    } finally {
      setBusy(false);
    }
  };

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => (d ? { ...d, [key]: value } : d));

  if (articles.length === 0 && !target) return <p className="muted">No articles yet.</p>;
  return (
    <form className="settings" onSubmit={(e) => void save(e)} aria-busy={busy || draft === null}>
      {articleId === null && (
        <div className="settings__row">
          <label htmlFor={`${id}-article`}>Article</label>
          <select id={`${id}-article`} value={target ?? ''} onChange={(e) => setChosen(e.target.value)}>
            {articles.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </div>
      )}
      {draft === null ? (
        !status && (
          <p className="muted" role="status">
            Loading settings…
          </p>
        )
      ) : (
        <>
          <div className="settings__row">
            <label htmlFor={`${id}-premod`}>Pre-moderation</label>
            <select
              id={`${id}-premod`}
              value={draft.premod}
              onChange={(e) => isPremod(e.target.value) && set('premod', e.target.value)}
            >
              {PREMOD_MODES.map((m) => (
                <option key={m} value={m}>
                  {PREMOD_LABELS[m]}
                </option>
              ))}
            </select>
          </div>
          <label className="settings__check">
            <input
              type="checkbox"
              checked={draft.commentsOpen}
              onChange={(e) => set('commentsOpen', e.target.checked)}
            />{' '}
            Comments open
          </label>
          <div className="settings__row">
            <label htmlFor={`${id}-slow`}>Slow mode (seconds between a reader’s comments; 0 is off)</label>
            <input
              id={`${id}-slow`}
              type="number"
              min={0}
              max={SLOW_MODE_LIMITS.secondsMax}
              step={1}
              value={draft.slowModeSeconds}
              onChange={(e) => set('slowModeSeconds', e.target.value)}
            />
          </div>
          <div className="settings__row">
            <label htmlFor={`${id}-auto-rate`}>
              Automatic slow mode: engage at this many comments a minute (0 is off)
            </label>
            <input
              id={`${id}-auto-rate`}
              type="number"
              min={0}
              max={SLOW_MODE_LIMITS.autoPerMinuteMax}
              step={1}
              value={draft.autoSlowModePerMinute}
              aria-describedby={`${id}-auto-help`}
              onChange={(e) => set('autoSlowModePerMinute', e.target.value)}
            />
          </div>
          <div className="settings__row">
            <label htmlFor={`${id}-auto-seconds`}>Automatic slow mode: seconds between a reader’s comments</label>
            <input
              id={`${id}-auto-seconds`}
              type="number"
              min={1}
              max={SLOW_MODE_LIMITS.secondsMax}
              step={1}
              value={draft.autoSlowModeSeconds}
              aria-describedby={`${id}-auto-help`}
              onChange={(e) => set('autoSlowModeSeconds', e.target.value)}
            />
          </div>
          <p className="settings__help" id={`${id}-auto-help`}>
            Automatic slow mode turns itself on when the discussion reaches that rate, and off again once it has stayed
            under half of it for a minute. Readers see that it is automatic. The longer of the two slow modes applies.
          </p>
          <div className="settings__row">
            <label htmlFor={`${id}-threshold`}>Reports that hold a comment automatically</label>
            <input
              id={`${id}-threshold`}
              type="number"
              min={1}
              max={1000}
              step={1}
              value={draft.reportThreshold}
              onChange={(e) => set('reportThreshold', e.target.value)}
            />
          </div>
          <div className="settings__row">
            <label htmlFor={`${id}-banned`}>Banned words (refused), one per line</label>
            <textarea
              id={`${id}-banned`}
              rows={5}
              dir="auto"
              value={draft.bannedWords}
              onChange={(e) => set('bannedWords', e.target.value)}
            />
          </div>
          <div className="settings__row">
            <label htmlFor={`${id}-suspect`}>Suspect words (held for a moderator), one per line</label>
            <textarea
              id={`${id}-suspect`}
              rows={5}
              dir="auto"
              value={draft.suspectWords}
              onChange={(e) => set('suspectWords', e.target.value)}
            />
          </div>
          <p className="settings__help">
            Words match whole words, ignoring case, full-width letters, hidden characters and look-alike letters.
          </p>
          <div>
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save settings'}
            </button>
          </div>
        </>
      )}
      <p className={`settings__status${status?.error ? ' settings__status--error' : ''}`} role="status">
        {status?.text}
      </p>
    </form>
  );
}
