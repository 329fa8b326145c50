/** One of a queue row's two decisions: what the button says and what a screen reader hears. */
export interface Decision {
  label: string;
  ariaLabel: string;
  onDecide: () => void;
}

/**
 * A queue row's pair of decisions: the one that lets the item through, then the one that stops it
 * (styled as dangerous). Both are disabled while a decision is being sent.
 */
export function DecisionButtons({
  pending,
  allow,
  stop,
}: {
  pending: boolean;
  allow: Decision;
  stop: Decision;
}) {
  return (
    <span className="row-actions">
      <button type="button" disabled={pending} aria-label={allow.ariaLabel} onClick={allow.onDecide}>
        {allow.label}
      </button>
      <button
        type="button"
        className="danger"
        disabled={pending}
        aria-label={stop.ariaLabel}
        onClick={stop.onDecide}
      >
        {stop.label}
      </button>
    </span>
  );
}
