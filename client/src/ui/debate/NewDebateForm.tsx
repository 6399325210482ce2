import { useId, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../../shared/schemas.js';
import { isStaff, type PublicUser } from '../../../../shared/types.js';
import { useSession } from '../../state/session.js';
import { createDebate, refusalMessage, setUpSession } from './new-debate-api.js';
import { PlanEditor } from './PlanEditor.js';
import { draftOf, withPositionIds, type PlanDraft } from './plan-draft.js';
import { UserPicker } from './UserPicker.js';

interface PositionRow {
  /** Stable across removals, so each row keeps its own picker state. */
  key: number;
  name: string;
  debaters: PublicUser[];
}

type Problems = Partial<Record<'motion' | 'host' | `position-${number}`, string>>;

const MIN_POSITIONS = 2;

/** What is missing before the roster can be sent; the server checks the rest. */
function findProblems(motion: string, host: PublicUser | undefined, rows: PositionRow[]): Problems {
  const problems: Problems = {};
  if (!motion.trim()) problems.motion = 'Write the motion.';
  if (!host) problems.host = 'Choose who hosts the debate.';
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const name = row.name.trim().toLowerCase();
    if (!name) problems[`position-${i}`] = 'Name this position.';
    else if (seen.has(name)) problems[`position-${i}`] = 'Two positions have this name.';
    seen.add(name);
  });
  return problems;
}

export interface NewDebateFormProps {
  articleId: string;
  /** Prefilled from the article: its motion and its positions (at least two rows are shown). */
  motion: string;
  positions: string[];
  /** After the roster is created, whether or not its format could be set (the list shows it either way). */
  onCreated(debateId: string, formatSet: boolean): void;
  onCancel(): void;
}

/** A key no row has (keys are never reused while a row with it is shown). */
const nextKey = (rows: PositionRow[]) => Math.max(-1, ...rows.map((r) => r.key)) + 1;

/**
 * A moderator's form for a new debate on the article: motion, host, two or more positions with
 * their debaters, and the format. Sends POST /api/debates, then POST /api/debates/:id/session. When
 * the roster is made but the format is refused, the roster part locks and sending again only sets
 * the format, so no second debate is made.
 */
export function NewDebateForm({
  articleId,
  motion: initialMotion,
  positions,
  onCreated,
  onCancel,
}: NewDebateFormProps) {
  const id = useId();
  const [motion, setMotion] = useState(initialMotion);
  const { user } = useSession();
  // A user with the host role hosts what they create (the server holds them to it); staff name anyone.
  const hostsSelf = user !== null && !isStaff(user.role);
  const [pickedHost, setHost] = useState<PublicUser[]>([]);
  const host = hostsSelf ? [user] : pickedHost;
  const [rows, setRows] = useState<PositionRow[]>(() => {
    const names = [...positions];
    while (names.length < MIN_POSITIONS) names.push('');
    return names.slice(0, LIMITS.positionsMax).map((name, key) => ({ key, name, debaters: [] }));
  });
  // The plan names positions by row key until the roster is made; edits made for one set of
  // positions are dropped when the positions change (a phase might name one that is gone).
  const planPositions = rows.map((r) => ({ id: String(r.key), name: r.name.trim() || `Position ${r.key + 1}` }));
  const positionsKey = JSON.stringify(planPositions);
  const [edited, setEdited] = useState<{ for: string; draft: PlanDraft } | null>(null);
  const draft =
    edited?.for === positionsKey
      ? edited.draft
      : {
          ...draftOf(edited?.draft.template ?? 'oxford', planPositions),
          preVoteCloses: edited?.draft.preVoteCloses ?? 'start',
        };
  const [positionIds, setPositionIds] = useState<string[]>([]);
  // After the first send the marks follow the fields as they are edited, so a fixed field clears.
  const [checked, setChecked] = useState(false);
  const [refusal, setRefusal] = useState('');
  const [busy, setBusy] = useState(false);
  const [createdId, setCreatedId] = useState<string | null>(null);

  const problems = checked ? findProblems(motion, host[0], rows) : {};
  const complete = Object.keys(problems).length === 0;
  const error = complete ? refusal : 'Check the marked fields.';

  const updateRow = (key: number, change: Partial<PositionRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const debatersElsewhere = (key: number) =>
    new Set(rows.filter((r) => r.key !== key).flatMap((r) => r.debaters.map((u) => u.id)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    let debateId = createdId;
    let ids = positionIds;
    setChecked(true);
    if (!debateId && Object.keys(findProblems(motion, host[0], rows)).length > 0) return;
    setBusy(true);
    setRefusal('');
    try {
      if (!debateId) {
        const created = await createDebate({
          articleId,
          hostId: host[0]!.id,
          motion: motion.trim(),
          positions: rows.map((r) => ({ name: r.name.trim(), debaterIds: r.debaters.map((u) => u.id) })),
        });
        debateId = created.id;
        ids = created.positionIds;
        setCreatedId(debateId);
        setPositionIds(ids);
      }
    } catch (err) {
      setRefusal(refusalMessage(err));
      setBusy(false);
      return;
    }
    try {
      await setUpSession(
        debateId,
        withPositionIds(
          draft,
          rows.map((r) => String(r.key)),
          ids,
        ),
      );
      onCreated(debateId, true);
    } catch (err) {
      setRefusal(`The debate was created, but its format was not set. ${refusalMessage(err)}`);
      onCreated(debateId, false);
    } finally {
      setBusy(false);
    }
  };

  const motionId = `${id}-motion`;
  return (
    <form
      className="new-debate"
      onSubmit={(event) => void submit(event)}
      aria-busy={busy}
      aria-labelledby={`${id}-title`}
      noValidate
    >
      <h2 id={`${id}-title`} className="new-debate__title">
        New debate
      </h2>
      <fieldset className="new-debate__roster" disabled={createdId !== null}>
        <legend className="visually-hidden">Roster</legend>
        <div className={problems.motion ? 'field field--invalid' : 'field'}>
          <label htmlFor={motionId} className="field__label">
            Motion
          </label>
          <textarea
            id={motionId}
            className="field__input"
            rows={2}
            maxLength={LIMITS.motionMax}
            value={motion}
            aria-invalid={problems.motion ? true : undefined}
            aria-describedby={problems.motion ? `${motionId}-error` : undefined}
            onChange={(event) => setMotion(event.target.value)}
          />
          {problems.motion && (
            <p id={`${motionId}-error`} className="field__error">
              {problems.motion}
            </p>
          )}
        </div>
        {hostsSelf ? (
          <p className="field__hint" data-testid="new-debate-host">
            You host this debate: the phases, the floor, the questions.
          </p>
        ) : (
          <UserPicker
            label="Host"
            value={host}
            onChange={setHost}
            max={1}
            hint="The host runs the debate: the phases, the floor, the questions."
            error={problems.host}
          />
        )}
        <fieldset className="new-debate__positions">
          <legend className="field__label">Positions</legend>
          {rows.map((r, i) => {
            const nameId = `${id}-position-${r.key}`;
            const problem = problems[`position-${i}`];
            return (
              <fieldset key={r.key} className="new-debate__position">
                <legend className="new-debate__position-title">Position {i + 1}</legend>
                <div className={problem ? 'field field--invalid' : 'field'}>
                  <label htmlFor={nameId} className="field__label">
                    Position {i + 1} name
                  </label>
                  <input
                    id={nameId}
                    type="text"
                    className="field__input"
                    dir="auto"
                    maxLength={LIMITS.positionMax}
                    value={r.name}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? `${nameId}-error` : undefined}
                    onChange={(event) => updateRow(r.key, { name: event.target.value })}
                  />
                  {problem && (
                    <p id={`${nameId}-error`} className="field__error">
                      {problem}
                    </p>
                  )}
                </div>
                <UserPicker
                  label={`Position ${i + 1} debaters`}
                  value={r.debaters}
                  onChange={(debaters) => updateRow(r.key, { debaters })}
                  exclude={debatersElsewhere(r.key)}
                />
                <button
                  type="button"
                  className="button button--quiet new-debate__remove"
                  disabled={rows.length <= MIN_POSITIONS}
                  onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
                >
                  Remove position {i + 1}
                </button>
              </fieldset>
            );
          })}
          <button
            type="button"
            className="button button--quiet new-debate__add"
            disabled={rows.length >= LIMITS.positionsMax}
            onClick={() => setRows((all) => [...all, { key: nextKey(all), name: '', debaters: [] }])}
          >
            Add a position
          </button>
        </fieldset>
      </fieldset>
      <PlanEditor
        draft={draft}
        positions={planPositions}
        onChange={(next) => setEdited({ for: positionsKey, draft: next })}
      />
      {draft.template === 'lincoln-douglas' && rows.length > 2 && (
        <p className="field__hint">Lincoln-Douglas gives the floor to the first two positions only.</p>
      )}
      <p className="new-debate__error" role="alert" aria-live="assertive">
        {error}
      </p>
      <div className="new-debate__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {createdId ? 'Set the format' : 'Start the debate'}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {createdId ? 'Close' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
