import { z } from 'zod';
import { buildProbes } from './gateway/build-probes.js';
import { benignReport, type BenignReport, GATEWAY_GOALS, suiteReport } from './gateway/gateway-report.js';
import { benignSummary, suiteSummary } from './gateway/gateway-text.js';
import { MUTATIONS } from './gateway/mutation-suite.js';
import { runBenign, runProbes } from './gateway/run-probes.js';
import { ATTACK_SEEDS } from './gateway/seeds/attack-seeds.js';
import { BENIGN_TEXTS } from './gateway/seeds/benign-texts.js';
import { HARM_SEEDS } from './gateway/seeds/harm-seeds.js';
import type { SuiteSeed } from './gateway/seeds/suite-seed.js';
import { suiteGateway } from './gateway/suite-gateway.js';
import { type RedteamFamily, RedteamOptionError, type RedteamResult } from './redteam-family.js';

export const GATEWAY_VARIANTS = ['prompt-attacks', 'harm-evasion', 'benign'] as const;
type GatewayVariant = (typeof GATEWAY_VARIANTS)[number];

// Loose: the command passes every family's options; this family reads only its own.
const optionsSchema = z.object({ seed: z.int().min(0).max(0xffff_ffff).default(42) });

const SEEDS_OF: Readonly<Record<Exclude<GatewayVariant, 'benign'>, readonly SuiteSeed[]>> = {
  'prompt-attacks': ATTACK_SEEDS,
  'harm-evasion': HARM_SEEDS,
};
const SURFACES: Readonly<Record<Exclude<GatewayVariant, 'benign'>, string>> = {
  'prompt-attacks':
    'ask surface; hidden-in-review on the review surface, hidden-in-document as a document of an ask',
  'harm-evasion': 'review surface',
};

const seconds = (since: number): number => Number(((performance.now() - since) / 1000).toFixed(3));

/**
 * Gateway: prompt-injection and jailbreak seeds and harmful-content seeds, each disguised by every
 * mutation (encodings, look-alikes, invisible characters, role-play, hidden in reviews, other
 * languages...), run through the real safety gateway with the default policy; plus ordinary viewer texts
 * that must pass, for the false-positive rate. Nothing is written anywhere.
 */
export const gatewayFamily: RedteamFamily = {
  name: 'gateway',
  description: 'prompt-injection, jailbreak and harmful-content mutations against the safety gateway',
  variants: GATEWAY_VARIANTS,
  async prepare(input, context) {
    const parsed = optionsSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RedteamOptionError(`--${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    const { seed } = parsed.data;
    const gateway = suiteGateway();
    // The learned detectors load on first use: loaded here, so that no run's timing includes it.
    await gateway.inspect('warm up', 'ask', { audit: false });
    const parameters = {
      seed,
      policy: 'default',
      provider: gateway.providerName,
      blocklist: 'none',
      mutations: MUTATIONS.map((mutation) => mutation.name),
    };
    let benign: Promise<{ report: BenignReport; seconds: number }> | undefined;
    const benignOnce = () =>
      (benign ??= (async () => {
        const started = performance.now();
        const report = benignReport(await runBenign(gateway, BENIGN_TEXTS));
        return { report, seconds: seconds(started) };
      })());

    return {
      async run(variant): Promise<RedteamResult> {
        const kind = `gateway:${variant}`;
        const fpr = await benignOnce();
        const falsePositiveRateMet = fpr.report.falsePositiveRate <= GATEWAY_GOALS.falsePositiveRate;
        if (variant === 'benign') {
          const report = {
            kind,
            parameters,
            benign: fpr.report,
            goals: { falsePositiveRate: GATEWAY_GOALS.falsePositiveRate, falsePositiveRateMet },
            seconds: fpr.seconds,
          };
          return {
            kind,
            passed: falsePositiveRateMet,
            report,
            summary: benignSummary(kind, fpr.report, GATEWAY_GOALS.falsePositiveRate),
          };
        }
        if (!(variant in SEEDS_OF)) throw new Error(`no gateway variant '${variant}'`);
        const seeds = SEEDS_OF[variant as keyof typeof SEEDS_OF];
        context.info(`${kind}: ${seeds.length} seeds x ${MUTATIONS.length} mutations`);
        const started = performance.now();
        const suite = suiteReport(await runProbes(gateway, buildProbes(seeds, MUTATIONS, seed)));
        const stopRateMet = suite.stopRate >= GATEWAY_GOALS.stopRate;
        const surface = SURFACES[variant as keyof typeof SURFACES];
        const report = {
          kind,
          parameters,
          surface,
          seeds: seeds.length,
          suite,
          benign: fpr.report,
          goals: { ...GATEWAY_GOALS, stopRateMet, falsePositiveRateMet },
          seconds: seconds(started),
        };
        return {
          kind,
          passed: stopRateMet && falsePositiveRateMet,
          report,
          summary: suiteSummary(report),
        };
      },
    };
  },
};
