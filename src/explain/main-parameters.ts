import type { RerankerPolicy, VersionedPolicy } from '../config/serving-policy.js';
import type { ModelManifest } from '../models/model-artifact.js';

/**
 * The main parameters of the recommender system, in plain language (in the spirit of DSA Art. 27): what
 * signals decide what a viewer sees, how much each weighs, and which options the viewer has. Generated
 * from the active serving policy and the production model's manifest, so the page cannot drift from what
 * the service does: change the policy or the model and the page changes with it.
 */

export interface Parameter {
  name: string;
  /** What it is and how it is used, in a sentence or two. */
  description: string;
  /** Its weight relative to the others, where the system has one (0 .. 1), with what it is weighed against. */
  weight?: { value: number; against: string };
}

export interface ViewerOption {
  name: string;
  description: string;
  /** Where the viewer exercises it (API route). */
  how: string;
}

export interface MainParameters {
  policyVersion: string;
  model: {
    id: string;
    algorithm: string;
    trainedAt: string;
    viewers: number;
    items: number;
    events: number;
  } | null;
  summary: string;
  signals: Parameter[];
  ranking: Parameter[];
  safeguards: Parameter[];
  options: ViewerOption[];
}

const ALGORITHM_IN_WORDS: Record<string, string> = {
  ease:
    'a linear item-to-item model (EASE): each title you watched adds a learned amount to every other title, ' +
    'learned from which titles the same people watch together',
  itemknn:
    'item neighbourhoods (item-kNN): titles that the same viewers watched are similar, and each title you ' +
    'watched adds its similarity to every other title',
  ials:
    'a matrix factorization model (implicit ALS): viewers and titles are placed in a space of learned taste ' +
    'dimensions, and titles close to the titles you watched score high',
  gfcf: 'a graph filter over who watched what (GF-CF): titles connected to your titles through other viewers score high',
  popularity: 'popularity: the titles the most viewers interacted with, the same for everyone',
  blend: 'a weighted blend of several of the models above',
};

function rerankerParameter(reranker: RerankerPolicy): Parameter {
  const where = `(on the ${reranker.surfaces.join(' and ')} ${reranker.surfaces.length > 1 ? 'surfaces' : 'surface'})`;
  switch (reranker.kind) {
    case 'diversity':
      return {
        name: 'Variety of genres',
        description: `The list is re-ordered so that titles of different genres get a place near the top ${where}.`,
        weight: { value: reranker.lambda, against: 'predicted interest' },
      };
    case 'calibration':
      return {
        name: 'Matching your mix of genres',
        description: `The list's mix of genres is brought close to the mix of what you watch, so one taste does not crowd out the others ${where}.`,
        weight: { value: reranker.lambda, against: 'predicted interest' },
      };
    case 'popularity-debias':
      return {
        name: 'Less-known titles',
        description: `Titles outside the most popular ones (the few that take ${Math.round(reranker.headShare * 100)}% of all viewing) are given places on the list ${where}.`,
        weight: { value: reranker.lambda, against: 'predicted interest' },
      };
    case 'tail-boost':
      return {
        name: 'Less-known titles',
        description: `Titles outside the most popular ones (the few that take ${Math.round(reranker.headShare * 100)}% of all viewing) get a fixed bonus, so they take a place on the list whenever they come close to a popular title in predicted interest ${where}.${reranker.relevantPerHistoryItem === undefined ? '' : ' The bonus grows with how much you have watched: a short history keeps the titles you are likeliest to enjoy.'}`,
        weight: { value: reranker.lambda, against: 'predicted interest' },
      };
    case 'exposure-rotation':
      return {
        name: 'Room for titles shown less',
        description: `Between titles about as likely to interest you, the one this service has shown less often lately gets the place, so more of the catalog is seen ${where}.`,
        weight: { value: reranker.lambda, against: 'predicted interest' },
      };
    case 'fair-exposure': {
      const target =
        reranker.target.kind === 'fixed'
          ? `at least ${Math.round(reranker.target.p * 100)}% of the places`
          : reranker.target.kind === 'catalog'
            ? 'places in proportion to their share of the catalog'
            : 'places in proportion to how relevant their titles are to you';
      return {
        name: 'Fair exposure for under-represented creators',
        description:
          `Titles by creators from under-represented groups get ${target}, checked at every position of the ` +
          `list (FA*IR, significance ${reranker.alpha})${reranker.amortize ? '; a shortfall in one list is made up in your next ones' : ''} ${where}.`,
      };
    }
    case 'exploration-slot':
      return {
        name: 'Something new for you',
        description: `One place${reranker.slot === undefined ? ', the last,' : ` (position ${reranker.slot})`} goes to a title from genres outside the ones you usually watch, labelled as such ${where}.`,
      };
  }
}

export function mainParameters(policy: VersionedPolicy, manifest: ModelManifest | undefined): MainParameters {
  const { ranking, maturity } = policy.policy;
  const algorithm = manifest?.algorithm ?? 'popularity';
  const model = manifest
    ? {
        id: manifest.id,
        algorithm: manifest.algorithm,
        trainedAt: manifest.createdAt,
        viewers: manifest.data.viewers,
        items: manifest.data.items,
        events: manifest.data.events,
      }
    : null;
  const modelWords = ALGORITHM_IN_WORDS[algorithm] ?? `the ${algorithm} model`;
  const personal = algorithm !== 'popularity';
  const tradeOff = ranking.rerankers.find((r) => 'lambda' in r) as
    (RerankerPolicy & { lambda: number }) | undefined;
  return {
    policyVersion: policy.version,
    model,
    summary:
      `Your recommendations are chosen by ${modelWords}. ` +
      (personal
        ? 'It uses what you watched, completed, liked and rated on this service, and nothing else about you: not your age band, gender or other personal details. '
        : 'It uses nothing about you. ') +
      (ranking.rerankers.length > 0
        ? `The list is then adjusted by ${ranking.rerankers.length} rule${ranking.rerankers.length > 1 ? 's' : ''} described below. `
        : '') +
      'Every title comes with the reasons it is there, and you can switch to a feed that uses nothing about you at any time.',
    signals: [
      {
        name: 'Your viewing history',
        description: personal
          ? 'The titles you viewed, completed, liked or rated here (each event counts once; titles you interacted with more count more), up to the 1,000 most recent titles. Used only while you consent to personalization.'
          : 'Not used: the current model is the same for everyone.',
        weight: { value: personal ? 1 - (tradeOff?.lambda ?? 0) : 0, against: 'the adjustments below' },
      },
      {
        name: 'What other viewers watch',
        description:
          `The model was trained on ${model ? `${model.events.toLocaleString('en')} events by ${model.viewers.toLocaleString('en')} viewers on ${model.trainedAt.slice(0, 10)}` : 'popularity counts, updated when the catalog is loaded'}, ` +
          'identified by pseudonyms, never by name or account.',
      },
      {
        name: 'Popularity',
        description:
          'How many viewers watched a title. It decides the feed when you have no history, have not consented to personalization, or chose the non-profiling feed.',
      },
    ],
    ranking: [
      {
        name: 'Candidates',
        description: `The model proposes its ${ranking.poolSize} best titles for you; titles you have already watched and titles above your profile's age limit are removed.`,
      },
      ...ranking.rerankers.map(rerankerParameter),
    ],
    safeguards: [
      {
        name: 'Age limits',
        description:
          `Kids profiles see titles up to level ${maturity.maxAudienceLevel.kids}, teen profiles up to level ` +
          `${maturity.maxAudienceLevel.teen} and adult profiles up to level ${maturity.maxAudienceLevel.adult} ` +
          '(0 all ages, 2 parental guidance, 3 teens, 4 mature, 5 adults only), on every surface.',
      },
      {
        name: 'Accountability',
        description:
          'Every list served is recorded (model, policy version, the steps that changed it), under a pseudonym, so that it can be audited.',
      },
    ],
    options: [
      {
        name: 'Non-profiling feed',
        description:
          'Recommendations that use nothing about you: the most popular titles for your age limit.',
        how: 'GET /v1/recommendations?feed=non-profiling',
      },
      {
        name: 'Why this title?',
        description:
          'For any title on a list you were served: which of your titles contributed how much, and which of them, had you not watched them, would have kept it off your list.',
        how: 'GET /v1/recommendations/{decisionId}/items/{itemId}/why',
      },
      {
        name: 'Tell us what you think',
        description: 'Thumbs up or down, a rating, or "not interested" with an optional reason.',
        how: 'POST /v1/feedback',
      },
      {
        name: 'See your data and decisions',
        description: 'Your profile, your viewing history and the record of every list you were served.',
        how: 'GET /v1/me, /v1/me/history, /v1/me/decisions',
      },
    ],
  };
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function parameterList(parameters: readonly Parameter[]): string {
  return parameters
    .map(
      (p) =>
        `<li><strong>${escape(p.name)}</strong>: ${escape(p.description)}` +
        (p.weight
          ? ` <em>Weight ${Math.round(p.weight.value * 100)}% against ${escape(p.weight.against)}.</em>`
          : '') +
        '</li>',
    )
    .join('\n');
}

/** A self-contained, accessible HTML page (no scripts, no external resources). */
export function mainParametersHtml(doc: MainParameters): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>How your recommendations are chosen</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}h2{margin-top:2rem}em{color:#444}code{background:#f2f2f2;padding:0 .2em}</style>
</head>
<body>
<main>
<h1>How your recommendations are chosen</h1>
<p>${escape(doc.summary)}</p>
<h2>What is used</h2>
<ul>
${parameterList(doc.signals)}
</ul>
<h2>How the list is put together</h2>
<ol>
${parameterList(doc.ranking)}
</ol>
<h2>Safeguards</h2>
<ul>
${parameterList(doc.safeguards)}
</ul>
<h2>Your options</h2>
<ul>
${doc.options.map((o) => `<li><strong>${escape(o.name)}</strong>: ${escape(o.description)} <code>${escape(o.how)}</code></li>`).join('\n')}
</ul>
<p><small>Policy ${escape(doc.policyVersion)}${doc.model ? `; model ${escape(doc.model.id)} (${escape(doc.model.algorithm)}), trained ${escape(doc.model.trainedAt.slice(0, 10))}` : '; no trained model (popularity)'}.</small></p>
</main>
</body>
</html>
`;
}
