import { describe, expect, test } from 'vitest';
import { ageOn, countsOn } from './counts.js';

describe('household counts from birth dates', () => {
  test('ages in whole years, birthdays included', () => {
    expect(ageOn('1990-05-10', '2026-05-09')).toBe(35);
    expect(ageOn('1990-05-10', '2026-05-10')).toBe(36);
    expect(ageOn('2024-02-29', '2025-02-28')).toBe(0);
    expect(ageOn('2024-02-29', '2025-03-01')).toBe(1);
  });

  test('adults 14+, children 1–13 by band, infants under one; special needs counted', () => {
    const c = countsOn(
      [
        { birthDate: '1980-01-01', needs: [] },
        { birthDate: '2010-06-01', needs: ['disability'] }, // 16
        { birthDate: '2018-01-01', needs: [] }, // 8
        { birthDate: '2023-01-01', needs: [] }, // 3
        { birthDate: '2026-03-01', needs: [] }, // infant
        { birthDate: '2027-01-01', needs: [] }, // not born yet
      ],
      '2026-11-25',
    );
    expect(c).toEqual({ people: 5, adults: 2, children: 2, infants: 1, bands: { '1-4': 1, '5-13': 1, '14-17': 1 }, needs: { disability: 1 }, special: true });
    expect(countsOn([{ birthDate: '1950-01-01', needs: [] }], '2026-11-25').special).toBe(false);
  });
});
