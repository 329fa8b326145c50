import { Link } from 'react-router';
import { FeedbackControls } from './FeedbackControls';
import { hasReason } from './reasons';
import type { Served, ServedItem } from './useRecommendations';
import { WhyThis } from './WhyThis';

/** A poster placeholder whose colour comes from the title, so that cards are told apart at a glance. */
export function Poster({ title }: { title: string }) {
  let hash = 0;
  for (const char of title) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  const hue = hash % 360;
  return (
    <div
      className="poster"
      aria-hidden="true"
      style={{ background: `linear-gradient(135deg, hsl(${hue} 45% 32%), hsl(${(hue + 40) % 360} 50% 22%))` }}
    >
      <span>{title.slice(0, 1).toUpperCase()}</span>
    </div>
  );
}

/**
 * A maturity rating as a badge. The catalog routes name the rating system (`mpaa:PG`, `music:clean`),
 * the recommendations do not (`PG`): the badge shows the rating alone either way.
 */
export function MaturityBadge({ rating }: { rating: string }) {
  const shown = rating.slice(rating.indexOf(':') + 1);
  if (!shown) return null;
  return (
    <span className="badge maturity" title="Maturity rating">
      <span className="visually-hidden">Rated </span>
      {shown}
    </span>
  );
}

export function ItemCard({ item, served }: { item: ServedItem; served: Served }) {
  const boosted = hasReason(item.reasons, 'fair-exposure-boost');
  const explored = hasReason(item.reasons, 'exploration-pick');
  return (
    <li className="card item-card" data-testid="item-card" data-item-id={item.itemId}>
      <Poster title={item.title} />
      <div className="item-card-body">
        <h3 className="item-title">
          <Link to={`/items/${item.itemId}`}>{item.title}</Link>
        </h3>
        <div className="badges">
          <MaturityBadge rating={item.maturityRating} />
          {explored ? <span className="badge explore">Something new</span> : null}
          {boosted ? <span className="badge fair">Fair exposure</span> : null}
        </div>
        <WhyThis item={item} served={served} />
        <FeedbackControls itemId={item.itemId} title={item.title} decisionId={served.decisionId} />
      </div>
    </li>
  );
}
