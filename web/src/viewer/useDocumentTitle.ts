import { useEffect } from 'react';

/** Names the browser tab after the page (WCAG 2.4.2): a single-page app keeps one <title> otherwise. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Candor`;
  }, [title]);
}
