import { Switch } from 'radix-ui';
import { useId } from 'react';
import type { ConsentState } from './useConsents';

type Purpose = ConsentState['purposes'][number];

/** One purpose: its title as the switch's label, its plain description, and when it was last answered. */
export function ConsentSwitch({
  purpose,
  onChange,
}: {
  purpose: Purpose;
  onChange: (granted: boolean) => void;
}) {
  const switchId = useId();
  const descriptionId = useId();
  return (
    <li className="card consent">
      <div className="consent-head">
        <label htmlFor={switchId}>{purpose.title}</label>
        <span className="consent-control">
          <span className={purpose.granted ? 'state on' : 'state'} aria-hidden="true">
            {purpose.granted ? 'On' : 'Off'}
          </span>
          <Switch.Root
            id={switchId}
            className="switch"
            checked={purpose.granted}
            onCheckedChange={onChange}
            aria-describedby={descriptionId}
          >
            <Switch.Thumb className="switch-thumb" />
          </Switch.Root>
        </span>
      </div>
      <p id={descriptionId}>{purpose.description}</p>
      <p className="muted small">
        {purpose.since
          ? `${purpose.granted ? 'On' : 'Off'} since ${new Date(purpose.since).toLocaleString()}${purpose.method ? ` (${methodWords(purpose.method)})` : ''}.`
          : 'You have not been asked yet: off until you agree.'}
      </p>
    </li>
  );
}

const METHOD_WORDS: Record<string, string> = {
  web: 'on this site',
  api: 'through an app',
  import: 'when your account was imported',
  migration: 'before consent was recorded per purpose',
};

export function methodWords(method: string): string {
  return METHOD_WORDS[method] ?? method;
}
