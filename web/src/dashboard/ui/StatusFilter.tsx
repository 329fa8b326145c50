import { useId } from 'react';

/** A labelled choice among a queue's statuses, shown as they are named. */
export function StatusFilter<Status extends string>({
  label,
  value,
  statuses,
  onChange,
}: {
  label: string;
  value: Status;
  statuses: readonly Status[];
  onChange: (status: Status) => void;
}) {
  const id = useId();
  return (
    <div className="control-row">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as Status)}>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {status}
          </option>
        ))}
      </select>
    </div>
  );
}
