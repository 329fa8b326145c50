import { z } from 'zod';
import type { HarmCategory } from '../finding.js';
import type { HarmAndAttackProvider } from './safety-provider.js';

export const AZURE_API_VERSION = '2024-09-01';

/** Azure's category names, and Candor's. */
export const AZURE_CATEGORIES: Record<HarmCategory, 'Hate' | 'Sexual' | 'Violence' | 'SelfHarm'> = {
  hate: 'Hate',
  sexual: 'Sexual',
  violence: 'Violence',
  self_harm: 'SelfHarm',
};
/** Candor's category for each of Azure's names. */
export const FROM_AZURE = Object.fromEntries(
  Object.entries(AZURE_CATEGORIES).map(([ours, theirs]) => [theirs, ours]),
) as Record<string, HarmCategory>;

const analyzeResponse = z.object({
  categoriesAnalysis: z.array(z.object({ category: z.string(), severity: z.number().int().min(0).max(7) })),
});
const shieldResponse = z.object({
  userPromptAnalysis: z.object({ attackDetected: z.boolean() }).optional(),
  documentsAnalysis: z.array(z.object({ attackDetected: z.boolean() })).optional(),
});

export class ContentSafetyProviderError extends Error {
  override readonly name = 'ContentSafetyProviderError';
}

export interface AzureContentSafetyOptions {
  /** e.g. https://<resource>.cognitiveservices.azure.com (or a Candor server: its /contentsafety routes). */
  endpoint: string;
  key: string;
  apiVersion?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Azure AI Content Safety over its REST API (text:analyze with eight severity levels, text:shieldPrompt).
 * Failures are errors, never a silent "safe": the gateway refuses text it could not inspect.
 */
export class AzureContentSafetyProvider implements HarmAndAttackProvider {
  readonly name = 'azure';
  private readonly base: string;

  constructor(private readonly options: AzureContentSafetyOptions) {
    this.base = options.endpoint.replace(/\/+$/, '');
  }

  async analyzeHarm(text: string): Promise<{ category: HarmCategory; severity: number }[]> {
    const body = await this.post('text:analyze', {
      text,
      categories: Object.values(AZURE_CATEGORIES),
      outputType: 'EightSeverityLevels',
    });
    const parsed = analyzeResponse.safeParse(body);
    if (!parsed.success) throw new ContentSafetyProviderError('text:analyze answered an unexpected body');
    const severities = new Map<HarmCategory, number>();
    for (const entry of parsed.data.categoriesAnalysis) {
      const category = FROM_AZURE[entry.category];
      if (category) severities.set(category, entry.severity);
    }
    return (Object.keys(AZURE_CATEGORIES) as HarmCategory[]).map((category) => ({
      category,
      severity: severities.get(category) ?? 0,
    }));
  }

  async shieldPrompt(userPrompt: string, documents: readonly string[]) {
    const body = await this.post('text:shieldPrompt', { userPrompt, documents });
    const parsed = shieldResponse.safeParse(body);
    if (!parsed.success)
      throw new ContentSafetyProviderError('text:shieldPrompt answered an unexpected body');
    return {
      user: parsed.data.userPromptAnalysis?.attackDetected ?? false,
      documents: documents.map((_, i) => parsed.data.documentsAnalysis?.[i]?.attackDetected ?? false),
    };
  }

  private async post(operation: string, payload: unknown): Promise<unknown> {
    const url = `${this.base}/contentsafety/${operation}?api-version=${this.options.apiVersion ?? AZURE_API_VERSION}`;
    const call = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await call(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'ocp-apim-subscription-key': this.options.key },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
      });
    } catch (error) {
      throw new ContentSafetyProviderError(`${operation} failed: ${(error as Error).message}`);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const message =
        (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${response.status}`;
      throw new ContentSafetyProviderError(`${operation} was refused: ${message}`);
    }
    return body;
  }
}
