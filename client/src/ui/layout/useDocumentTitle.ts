import { useEffect } from 'react';

/** Sets the tab title to "<title> · Parley" (or just "Parley") while the calling page is shown. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · Parley` : 'Parley';
  }, [title]);
}
