import { LIMITS } from '../../../../shared/schemas.js';
import type { SanctionKind } from '../../../../shared/types.js';

const MINUTES_MAX = LIMITS.sanctionMinutesMax;

/**
 * How long a mute or a ban lasts, chosen explicitly (issue 15): a mute takes a length; a ban is
 * either permanent or for a length, and neither is picked for the moderator, so no pre-filled number
 * can turn a permanent ban into an hour's.
 */
export type LengthChoice = { mode: 'unset' | 'permanent' | 'timed'; minutes: string };

export const NO_LENGTH: LengthChoice = { mode: 'unset', minutes: '' };

/** The minutes to send (null: permanent), or the problem in words. */
export function lengthOf(kind: SanctionKind, choice: LengthChoice): { minutes: number | null } | { problem: string } {
  if (kind === 'warn') return { minutes: null };
  if (kind === 'ban' && choice.mode === 'unset') return { problem: 'Choose a permanent ban or a length.' };
  if (kind === 'ban' && choice.mode === 'permanent') return { minutes: null };
  const n = Number(choice.minutes.trim());
  if (choice.minutes.trim() === '' || !Number.isInteger(n) || n < 1 || n > MINUTES_MAX)
    return {
      problem: `${kind === 'mute' ? 'A mute' : 'A timed ban'} needs a length between 1 and ${MINUTES_MAX.toLocaleString('en')} minutes.`,
    };
  return { minutes: n };
}

export function SanctionLength({
  id,
  kind,
  choice,
  onChange,
}: {
  id: string;
  kind: SanctionKind;
  choice: LengthChoice;
  onChange(next: LengthChoice): void;
}) {
  if (kind === 'warn') return null;
  const minutesField = (
    <div className="mod-form__row">
      <label htmlFor={`${id}-minutes`}>Length in minutes</label>
      <input
        id={`${id}-minutes`}
        type="number"
        inputMode="numeric"
        min={1}
        max={MINUTES_MAX}
        step={1}
        required
        value={choice.minutes}
        onChange={(e) => onChange({ mode: 'timed', minutes: e.target.value })}
      />
    </div>
  );
  if (kind === 'mute') return minutesField;
  return (
    <>
      <fieldset className="mod-form__kinds">
        <legend>How long</legend>
        <label>
          <input
            type="radio"
            name={`${id}-length`}
            checked={choice.mode === 'permanent'}
            onChange={() => onChange({ mode: 'permanent', minutes: '' })}
          />{' '}
          Permanent
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-length`}
            checked={choice.mode === 'timed'}
            onChange={() => onChange({ mode: 'timed', minutes: choice.minutes })}
          />{' '}
          For a set time
        </label>
      </fieldset>
      {choice.mode === 'timed' && minutesField}
    </>
  );
}
