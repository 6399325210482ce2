import { useId } from 'react';

/** The debate an article hosts: its motion and the positions people can take. */
export function DebateBox({ motion, positions }: { motion: string; positions: string[] }) {
  const headingId = useId();
  return (
    <aside className="debate" aria-labelledby={headingId}>
      <h2 id={headingId} className="debate__heading">
        Debate
      </h2>
      <p className="debate__motion" dir="auto">
        {motion}
      </p>
      {positions.length > 0 && (
        <ul className="chips" aria-label="Positions">
          {positions.map((position) => (
            <li key={position} className="chip">
              <bdi>{position}</bdi>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
