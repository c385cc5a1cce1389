/** The chosen language for the whole app, its `t()` and the switch that changes it. */
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import {
  languages, loadLanguage, saveLanguage, translate,
  type Language, type MessageKey, type MessageParams,
} from './i18n.js';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const LanguageContext = createContext<LanguageState | null>(null);

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function LanguageProvider({ children }: { children: ComponentChildren }) {
  const [language, setLanguageState] = useState<Language>(() => loadLanguage(browserStorage()));

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    saveLanguage(browserStorage(), next);
    setLanguageState(next);
  }, []);

  const value = useMemo<LanguageState>(
    () => ({ language, setLanguage, t: (key, params) => translate(language, key, params) }),
    [language, setLanguage],
  );
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('useLanguage needs a <LanguageProvider> above it');
  return state;
}

/** Two toggle buttons, each language named in itself so anyone can find their own. */
export function LanguageSwitch({ id }: { id: string }) {
  const { language, setLanguage, t } = useLanguage();
  const labelId = `${id}-label`;
  return (
    <div class="language-switch" role="group" aria-labelledby={labelId}>
      <span id={labelId} class="language-switch__label">{t('language.label')}</span>
      {languages.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === language}
          onClick={() => setLanguage(option)}
        >
          {t(`language.${option}`)}
        </button>
      ))}
    </div>
  );
}
