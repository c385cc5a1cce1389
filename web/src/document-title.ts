import { useEffect } from 'preact/hooks';
import { useLanguage } from './language.js';

/** Titles the document `<page> · Cordón` for pages that learn their name by loading it. */
export function useDocumentTitle(page: string): void {
  const { t } = useLanguage();
  useEffect(() => {
    document.title = t('app.pageTitle', { page });
  }, [page, t]);
}
