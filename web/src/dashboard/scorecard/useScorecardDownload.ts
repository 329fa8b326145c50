import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../../api/client';

/**
 * Fetches a scorecard PDF and hands it to the browser as a download. A plain fetch, not the typed
 * client: the answer is a PDF, and a problem (no production model) must be shown, not saved as a file.
 */
export function useScorecardDownload() {
  return useMutation({
    mutationFn: async (modelId: string | undefined) => {
      const url = modelId
        ? `/v1/admin/models/${encodeURIComponent(modelId)}/scorecard`
        : '/v1/admin/scorecard';
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) {
        const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
        throw new ApiError(response.status, problem);
      }
      const name =
        /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
        'candor-scorecard.pdf';
      const href = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = href;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked on the next tick: the click has started the download by then.
      setTimeout(() => URL.revokeObjectURL(href), 0);
      return name;
    },
  });
}
