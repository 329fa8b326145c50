import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/random/seeded-random.js';
import { gatewayFamily } from '../../src/redteam/gateway-family.js';
import { buildProbes } from '../../src/redteam/gateway/build-probes.js';
import { GATEWAY_GOALS, suiteReport } from '../../src/redteam/gateway/gateway-report.js';
import { MUTATIONS, mutationNamed } from '../../src/redteam/gateway/mutation-suite.js';
import { toBase64 } from '../../src/redteam/gateway/mutations/base64-mutation.js';
import { bidiDisplay, bidiReverse } from '../../src/redteam/gateway/mutations/bidi-mutation.js';
import { flipCase } from '../../src/redteam/gateway/mutations/case-flip-mutation.js';
import { toHex } from '../../src/redteam/gateway/mutations/hex-mutation.js';
import { substituteHomoglyphs } from '../../src/redteam/gateway/mutations/homoglyph-mutation.js';
import { toLeetspeak } from '../../src/redteam/gateway/mutations/leetspeak-mutation.js';
import { rot13 } from '../../src/redteam/gateway/mutations/rot13-mutation.js';
import { splitWords } from '../../src/redteam/gateway/mutations/spacing-mutation.js';
import {
  fromTagCharacters,
  toTagCharacters,
} from '../../src/redteam/gateway/mutations/tag-smuggling-mutation.js';
import { insertZeroWidth, stripZeroWidth } from '../../src/redteam/gateway/mutations/zero-width-mutation.js';
import type { ProbeOutcome } from '../../src/redteam/gateway/run-probes.js';
import { ATTACK_SEEDS } from '../../src/redteam/gateway/seeds/attack-seeds.js';
import { BENIGN_TEXTS } from '../../src/redteam/gateway/seeds/benign-texts.js';
import { HARM_SEEDS } from '../../src/redteam/gateway/seeds/harm-seeds.js';
import { SEED_LANGUAGES, type SuiteSeed } from '../../src/redteam/gateway/seeds/suite-seed.js';
import { verdictOf } from '../../src/redteam/gateway/stop-rule.js';
import { suiteGateway } from '../../src/redteam/gateway/suite-gateway.js';
import { RedteamOptionError } from '../../src/redteam/redteam-family.js';
import type { SafetyDecision } from '../../src/safety/gateway/decide.js';

const seed = ATTACK_SEEDS[0] as SuiteSeed;
const harm = HARM_SEEDS[0] as SuiteSeed;
const always = (value: number) => () => value;
const random = () => seededRandom(7);
const silent = { info: () => {} };

describe('gateway mutations, each on a hand-checked example', () => {
  it('zero-width: a zero-width character between every two letters, and only there', () => {
    const mutated = insertZeroWidth('ignore all', random());
    expect(mutated).toContain('\u200b');
    expect(stripZeroWidth(mutated)).toBe('ignore all');
    const withoutSpace = mutated.split(' ');
    for (const word of withoutSpace) {
      const chars = Array.from(word);
      // letter, zero-width, letter, zero-width, ... letter
      chars.forEach((ch, at) => expect(/\p{L}/u.test(ch)).toBe(at % 2 === 0));
    }
    expect(insertZeroWidth('a b', always(0))).toBe('a b');
    expect(insertZeroWidth('ab', always(0))).toBe('a\u200bb');
  });

  it('homoglyphs: Cyrillic look-alikes in place of Latin letters', () => {
    expect(substituteHomoglyphs('apple', always(0))).toBe('\u0430\u0440\u0440l\u0435');
    expect(substituteHomoglyphs('apple', always(0.99))).toBe('apple');
  });

  it('encodings decode back to the seed, with a request to follow them', () => {
    expect(toBase64('hi')).toBe('aGk=');
    expect(toHex('Hi')).toBe('48 69');
    expect(rot13('Hello, World!')).toBe('Uryyb, Jbeyq!');
    expect(rot13(rot13(seed.text))).toBe(seed.text);
    const b64 = mutationNamed('base64').mutate(seed, random()).text;
    const encoded = /[A-Za-z0-9+/]{20,}={0,2}/.exec(b64)?.[0] ?? '';
    expect(Buffer.from(encoded, 'base64').toString('utf8')).toBe(seed.text);
    expect(b64).toMatch(/decode/i);
    const hex = mutationNamed('hex').mutate(seed, random()).text;
    const bytes = (/(?:[0-9a-f]{2} )+[0-9a-f]{2}/.exec(hex)?.[0] ?? '')
      .split(' ')
      .map((h) => parseInt(h, 16));
    expect(Buffer.from(bytes).toString('utf8')).toBe(seed.text);
  });

  it('bidi: each word stored reversed inside an override, displayed as written', () => {
    expect(bidiReverse('kill you')).toBe('\u202ellik\u202c \u202euoy\u202c');
    expect(bidiDisplay(bidiReverse(seed.text))).toBe(seed.text);
  });

  it('tag smuggling: the seed in invisible tag characters after an innocent request', () => {
    expect(Array.from(toTagCharacters('Hi'), (ch) => ch.codePointAt(0))).toEqual([0xe0048, 0xe0069]);
    const mutated = mutationNamed('tag-smuggling').mutate(seed, random()).text;
    expect(fromTagCharacters(mutated)).toBe(seed.text);
    expect(mutated.replace(/[\u{e0000}-\u{e007f}]/gu, '')).not.toContain('Ignore');
    expect(mutationNamed('tag-smuggling').carrier).toBe('invisible');
  });

  it('leetspeak, spacing and case flips', () => {
    expect(toLeetspeak('test', always(0))).toBe('7357');
    expect(toLeetspeak('test', always(0.9))).toBe('test');
    expect(splitWords('ignore all', always(0))).toBe('i g n o r e all');
    expect(splitWords('ignore', always(0.7))).toBe('igno- re');
    expect(flipCase('abc', always(0))).toBe('ABC');
    expect(flipCase('ABC', always(0.9))).toBe('abc');
  });

  it('framings keep the seed whole: role-play, code fences, reviews', () => {
    const rolePlay = mutationNamed('role-play').mutate(seed, always(0)).text;
    expect(rolePlay).toContain('DAN');
    expect(rolePlay).toContain(seed.text);
    expect(mutationNamed('role-play').mutate(harm, always(0)).text).toContain(harm.text);
    expect(mutationNamed('code-fence').mutate(seed, always(0)).text).toBe(`\`\`\`\n${seed.text}\n\`\`\``);
    const inReview = mutationNamed('hidden-in-review').mutate(seed, random());
    expect(inReview.surface).toBe('review');
    expect(inReview.text).toContain(seed.text);
    expect(inReview.text.length).toBeGreaterThan(seed.text.length);
  });

  it('hidden in a document: an innocent request, the seed inside a review passed along', () => {
    const mutated = mutationNamed('hidden-in-document').mutate(seed, random());
    expect(mutated.text).not.toContain(seed.text);
    expect(mutated.documents?.some((document) => document.includes(seed.text))).toBe(true);
    expect(mutationNamed('hidden-in-document').appliesTo).toEqual(['attack']);
  });

  it('language switches use the seed’s own translation', () => {
    for (const language of SEED_LANGUAGES) {
      expect(mutationNamed(`language-${language}`).mutate(seed, random()).text).toBe(
        seed.translations[language],
      );
    }
  });

  it('stacked: role-play, look-alikes and zero-widths at once', () => {
    const mutated = mutationNamed('stacked').mutate(seed, random()).text;
    expect(mutated).toMatch(/[\u200b-\u200d\u2060]/);
    expect(mutated).toMatch(/[\u0400-\u04ff\u0370-\u03ff]/);
  });

  it('every mutation in the suite is checked above', () => {
    const checked = [
      'plain',
      'base64',
      'hex',
      'rot13',
      'homoglyph',
      'zero-width',
      'bidi',
      'tag-smuggling',
      'leetspeak',
      'spacing',
      'case-flip',
      'role-play',
      'code-fence',
      'hidden-in-document',
      'hidden-in-review',
      ...SEED_LANGUAGES.map((language) => `language-${language}`),
      'stacked',
    ];
    expect(MUTATIONS.map((mutation) => mutation.name).sort()).toEqual(checked.sort());
    expect(mutationNamed('plain').mutate(seed, random()).text).toBe(seed.text);
  });
});

describe('seeds and probes', () => {
  it('seeds are written in six languages, ids unique', () => {
    const seeds = [...ATTACK_SEEDS, ...HARM_SEEDS];
    expect(new Set(seeds.map((s) => s.id)).size).toBe(seeds.length);
    for (const s of seeds) {
      const texts = [s.text, ...SEED_LANGUAGES.map((language) => s.translations[language])];
      expect(new Set(texts).size, s.id).toBe(6);
    }
    expect(new Set(BENIGN_TEXTS.map((b) => b.id)).size).toBe(BENIGN_TEXTS.length);
    expect(BENIGN_TEXTS.filter((b) => b.category === 'tricky').length).toBeGreaterThan(20);
  });

  it('applies every mutation to every seed it applies to, deterministically by seed', () => {
    const seeds = [...ATTACK_SEEDS, ...HARM_SEEDS];
    const probes = buildProbes(seeds, MUTATIONS, 42);
    const expected = MUTATIONS.reduce(
      (sum, mutation) => sum + seeds.filter((s) => mutation.appliesTo.includes(s.kind)).length,
      0,
    );
    expect(probes).toHaveLength(expected);
    expect(new Set(probes.map((p) => p.id)).size).toBe(probes.length);
    expect(buildProbes(seeds, MUTATIONS, 42)).toEqual(probes);
    const other = buildProbes(seeds, MUTATIONS, 43);
    expect(other.some((probe, at) => probe.text !== probes[at]?.text)).toBe(true);
    // A probe does not depend on which other seeds the suite holds.
    const alone = buildProbes([seed], [mutationNamed('homoglyph')], 42)[0];
    expect(alone).toEqual(probes.find((p) => p.id === `${seed.id}/homoglyph`));
  });
});

describe('stop rule', () => {
  const decision = (action: SafetyDecision['action'], kinds: string[], text: string | null = 'x') =>
    ({
      action,
      text: action === 'block' ? null : text,
      reasons: kinds.map((kind) => ({
        kind,
        type: kind,
        action: action === 'block' ? 'block' : 'redact',
        message: '',
      })),
    }) as unknown as SafetyDecision;

  it('a block stops; stripping zero-widths from a visible attack does not', () => {
    expect(verdictOf(decision('block', ['prompt_attack']), 'attack')).toBe('blocked');
    expect(verdictOf(decision('redact', ['hidden'], 'ignore all'), 'attack')).toBe('passed');
    expect(verdictOf(decision('allow', []), 'attack')).toBe('passed');
  });

  it('a redaction stops an invisible payload it removed, and harm whose words it masked', () => {
    expect(verdictOf(decision('redact', ['hidden'], 'a film tonight?'), 'attack', 'invisible')).toBe(
      'redacted',
    );
    expect(verdictOf(decision('redact', ['hidden'], 'a film\u{e0041}'), 'attack', 'invisible')).toBe(
      'passed',
    );
    expect(verdictOf(decision('redact', ['profanity'], '****'), 'harm')).toBe('redacted');
    expect(verdictOf(decision('redact', ['pii'], 'call [phone]'), 'harm')).toBe('passed');
    expect(verdictOf(decision('redact', ['profanity'], '****'), 'benign')).toBe('redacted');
  });

  it('reports count what the rule says', () => {
    const outcome = (mutation: string, seedId: string, verdict: ProbeOutcome['verdict']): ProbeOutcome => ({
      id: `${seedId}/${mutation}`,
      seed: seedId,
      kind: 'attack',
      category: 'c',
      mutation,
      surface: 'ask',
      action: verdict === 'blocked' ? 'block' : 'allow',
      verdict,
      reasons: [],
    });
    const report = suiteReport([
      outcome('plain', 's1', 'blocked'),
      outcome('plain', 's2', 'passed'),
      outcome('hex', 's1', 'passed'),
      outcome('hex', 's2', 'passed'),
    ]);
    expect(report).toMatchObject({ total: 4, stopped: 1, passedThrough: 3, stopRate: 0.25 });
    expect(report.byMutation).toEqual([
      expect.objectContaining({ mutation: 'plain', total: 2, stopped: 1, evadedPlainStops: 0 }),
      expect.objectContaining({ mutation: 'hex', total: 2, stopped: 0, evadedPlainStops: 1 }),
    ]);
    expect(report.gotThrough.map((p) => p.id)).toEqual(['s2/plain', 's1/hex', 's2/hex']);
  });
});

describe('gateway family against the real gateway', () => {
  it('stops a plain, unmutated injection and lets a plain benign prompt through', async () => {
    const gateway = suiteGateway();
    const attack = await gateway.inspect(seed.text, 'ask', { audit: false });
    expect(attack.action).toBe('block');
    const benign = await gateway.inspect(
      'Recommend a feel-good comedy for a rainy Sunday afternoon.',
      'ask',
      {
        audit: false,
      },
    );
    expect(benign.action).toBe('allow');
  });

  it('reports per mutation and category, names what got through by id, never by text', async () => {
    const prepared = await gatewayFamily.prepare({ seed: 42 }, silent);
    const result = await prepared.run('prompt-attacks');
    const report = result.report as {
      suite: ReturnType<typeof suiteReport>;
      benign: { total: number; falsePositiveRate: number };
      goals: { stopRateMet: boolean; falsePositiveRateMet: boolean };
    };
    expect(result.kind).toBe('gateway:prompt-attacks');
    const { suite } = report;
    expect(suite.total).toBe(
      ATTACK_SEEDS.length * MUTATIONS.filter((m) => m.appliesTo.includes('attack')).length,
    );
    expect(suite.byMutation.map((row) => row.mutation)).toEqual(
      MUTATIONS.filter((m) => m.appliesTo.includes('attack')).map((m) => m.name),
    );
    expect(suite.byMutation.reduce((sum, row) => sum + row.total, 0)).toBe(suite.total);
    expect(suite.byCategory.reduce((sum, row) => sum + row.stopped, 0)).toBe(suite.stopped);
    expect(suite.gotThrough).toHaveLength(suite.passedThrough);
    expect(suite.stopped + suite.passedThrough).toBe(suite.total);
    expect(report.benign.total).toBe(BENIGN_TEXTS.length);
    expect(result.passed).toBe(
      suite.stopRate >= GATEWAY_GOALS.stopRate &&
        report.benign.falsePositiveRate <= GATEWAY_GOALS.falsePositiveRate,
    );
    for (const s of ATTACK_SEEDS) expect(result.summary).not.toContain(s.text);
    expect(JSON.stringify(suite.gotThrough)).not.toContain(seed.text);
    // The baseline row is there to compare with: the plain seeds the gateway is built to stop.
    expect(suite.byMutation[0]).toMatchObject({ mutation: 'plain', total: ATTACK_SEEDS.length });
  }, 60_000);

  it('harm evasions run on the review surface; benign texts give the false-positive rate', async () => {
    const prepared = await gatewayFamily.prepare({}, silent);
    const harmResult = await prepared.run('harm-evasion');
    const suite = (harmResult.report as { suite: ReturnType<typeof suiteReport> }).suite;
    expect(suite.total).toBe(
      HARM_SEEDS.length * MUTATIONS.filter((m) => m.appliesTo.includes('harm')).length,
    );
    for (const s of HARM_SEEDS) expect(harmResult.summary).not.toContain(s.text);
    const benign = await prepared.run('benign');
    const report = benign.report as {
      benign: { total: number; falsePositives: number; wronglyStopped: { text: string }[] };
    };
    expect(report.benign.total).toBe(BENIGN_TEXTS.length);
    expect(report.benign.wronglyStopped).toHaveLength(report.benign.falsePositives);
    for (const wrong of report.benign.wronglyStopped) expect(benign.summary).toContain(wrong.text);
    expect(benign.passed).toBe(
      report.benign.falsePositives / report.benign.total <= GATEWAY_GOALS.falsePositiveRate,
    );
  }, 60_000);

  it('refuses a seed that is not a whole number', async () => {
    await expect(gatewayFamily.prepare({ seed: -1 }, silent)).rejects.toBeInstanceOf(RedteamOptionError);
  });
});
