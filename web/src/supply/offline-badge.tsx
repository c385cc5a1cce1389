/** "Offline", while the server cannot be reached (see connectivity.ts). */
import { useLanguage } from '../language.js';
import { useOffline } from './connectivity.js';

export function OfflineBadge() {
  const { t } = useLanguage();
  const offline = useOffline();
  return offline ? <span class="badge badge--offline">{t('supply.offline.badge')}</span> : null;
}
