import { useMutation } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { Problem } from '../ui/Problem';

const FILE_NAME = 'candor-export.json';

/** Saves a blob under a file name: the export is fetched by the app so that a failure can be shown. */
function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the browser has started the download, which it does from the click's task.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Download my data": everything held about the viewer, as one JSON document (GDPR Art. 15 and 20). */
export function DataExport() {
  const download = useMutation({
    mutationFn: () => ok(api.GET('/v1/me/export', { parseAs: 'blob' })),
    onSuccess: (blob) => save(blob, FILE_NAME),
  });
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">Download your data</h2>
      <p>
        One file with everything we hold about you: your profile, your choices and their history, what you
        watched, your feedback and every list of recommendations you were shown with its reasons, and how the
        recommendations are made. It is in JSON, a format other services can read.
      </p>
      <button
        type="button"
        className="primary"
        onClick={() => download.mutate()}
        disabled={download.isPending}
      >
        {download.isPending ? 'Preparing your file…' : 'Download my data'}
      </button>
      <p role="status" className="thanks">
        {download.isSuccess ? `Your data was saved as ${FILE_NAME}.` : ''}
      </p>
      {download.isError ? <Problem error={download.error} title="The download failed" /> : null}
    </section>
  );
}
