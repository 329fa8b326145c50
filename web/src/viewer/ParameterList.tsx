import { useId } from 'react';
import type { ApiBody } from '../api/client';

type Parameter = Exclude<ApiBody<'/v1/transparency/main-parameters'>, string>['signals'][number];

/** One group of main parameters; a weight shows as a bar with its percentage in words. */
export function ParameterList({
  title,
  parameters,
  ordered = false,
}: {
  title: string;
  parameters: readonly Parameter[];
  ordered?: boolean;
}) {
  const headingId = useId();
  const List = ordered ? 'ol' : 'ul';
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <List className="parameters">
        {parameters.map((parameter) => (
          <li key={parameter.name}>
            <strong>{parameter.name}</strong>: {parameter.description}
            {parameter.weight ? <Weight {...parameter.weight} /> : null}
          </li>
        ))}
      </List>
    </section>
  );
}

function Weight({ value, against }: { value: number; against: string }) {
  const percent = Math.round(value * 100);
  return (
    <span className="weight">
      <span className="weight-text">
        Weight {percent}% against {against}
      </span>
      <span className="share" aria-hidden="true">
        <span className="share-bar" style={{ width: `${percent}%` }} />
      </span>
    </span>
  );
}
