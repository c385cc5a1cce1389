import { describe, expect, test } from 'vitest';
import { defaultLanguage, languages, loadLanguage, messages, translate } from './i18n.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message tables', () => {
  const spanishKeys = Object.keys(messages.es).sort();

  test.each(languages)('%s has exactly the Spanish keys', (language) => {
    expect(Object.keys(messages[language]).sort()).toEqual(spanishKeys);
  });

  test.each(languages)('%s has no empty or blank message', (language) => {
    const blank = Object.entries(messages[language]).filter(([, text]) => text.trim() === '');
    expect(blank).toEqual([]);
  });

  test.each(languages)('%s uses the same {placeholders} as Spanish in every message', (language) => {
    for (const key of spanishKeys) {
      const k = key as keyof typeof messages.es;
      expect(placeholders(messages[language][k]), key).toEqual(placeholders(messages.es[k]));
    }
  });
});

describe('translate', () => {
  test('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('es', 'home.welcome', { name: 'Ana' })).toBe('Hola, Ana.');
    expect(translate('en', 'home.welcome', {})).toBe('Hello, {name}.');
  });
});

describe('loadLanguage', () => {
  test('Spanish is the default', () => {
    expect(defaultLanguage).toBe('es');
    expect(loadLanguage(undefined)).toBe('es');
    expect(loadLanguage({ getItem: () => 'xx' })).toBe('es');
  });

  test('a stored choice wins, and a throwing storage falls back to Spanish', () => {
    expect(loadLanguage({ getItem: () => 'en' })).toBe('en');
    expect(loadLanguage({ getItem: () => { throw new Error('blocked'); } })).toBe('es');
  });
});
