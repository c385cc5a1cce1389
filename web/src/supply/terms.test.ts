import { describe, expect, test } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../i18n.js';
import { formatDay, formatDays, formatQuantity, householdMakeup, needLabel } from './terms.js';

const es = (key: MessageKey, params?: MessageParams) => translate('es', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

describe('supply terms', () => {
  test('quantities in whole units, written as each language writes numbers', () => {
    expect(formatQuantity(es, 'es', 1800, 'g')).toBe('1.800 g');
    expect(formatQuantity(en, 'en', 1800, 'g')).toBe('1,800 g');
    expect(formatQuantity(es, 'es', 2, 'piece')).toBe('2 unid.');
  });

  test('a household by age: adults, the children’s bands, infants', () => {
    const counts = { people: 4, adults: 1, children: 2, infants: 1, bands: { '1-4': 1, '5-13': 1, '14-17': 0 }, needs: {}, special: true };
    expect(householdMakeup(es, counts)).toEqual({ people: '4 personas', bands: ['1 adulto', '1 de 1 a 4 años', '1 de 5 a 13 años', '1 menor de un año'] });
    expect(householdMakeup(en, { ...counts, bands: undefined }).bands).toEqual(['1 adult', '2 children', '1 under one']);
  });

  test('days are the calendar’s, wherever the device is', () => {
    expect(formatDay('en', '2026-11-02')).toBe('2 Nov 2026');
    expect(formatDays('en', '2026-11-02', '2026-11-08')).toMatch(/^2\s?–\s?8 Nov 2026$/);
    expect(formatDay('es', 'soon')).toBe('soon');
  });

  test('a special need this app does not know is shown as written', () => {
    expect(needLabel(es, 'chronic_illness')).toBe('Enfermedad crónica');
    expect(needLabel(es, 'celiac_disease')).toBe('celiac disease');
  });
});
