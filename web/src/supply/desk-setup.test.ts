import { describe, expect, test } from 'vitest';
import { runsCommittee, runsDistrict } from './desk-setup.js';

const member = (personId: string, offices: string[]) => ({ personId, displayName: personId, since: '2026-01-01T00:00:00Z', offices });
const jap = { kind: 'supply_committee' as const, members: [member('marta', ['supply_officer']), member('ana', ['chair']), member('vecina', []), member('tesorero', ['treasurer'])] };
const person = (id: string, isAdmin = false) => ({ id, isAdmin });

describe('runsCommittee', () => {
  test('a supply committee is run by its supply officers and its chair; administrators may too', () => {
    expect(runsCommittee(jap, person('marta'))).toBe(true);
    expect(runsCommittee(jap, person('ana'))).toBe(true);
    expect(runsCommittee(jap, person('vecina'))).toBe(false);
    expect(runsCommittee(jap, person('tesorero'))).toBe(false);
    expect(runsCommittee(jap, person('nadie', true))).toBe(true);
  });

  test('no other kind of body has a desk, whoever holds office in it', () => {
    expect(runsCommittee({ ...jap, kind: 'workplace' }, person('ana'))).toBe(false);
    expect(runsCommittee({ ...jap, kind: 'cordon' }, person('nadie', true))).toBe(false);
  });
});

describe('runsDistrict', () => {
  const cordon = { ...jap, kind: 'cordon' as const };
  test('a district is run by its supply officers and its chair; administrators may run any district', () => {
    expect(runsDistrict(cordon, person('marta'))).toBe(true);
    expect(runsDistrict(cordon, person('ana'))).toBe(true);
    expect(runsDistrict(cordon, person('tesorero'))).toBe(false);
    expect(runsDistrict(cordon, person('nadie', true))).toBe(true);
    expect(runsDistrict({ ...cordon, kind: 'regional' }, person('nadie', true))).toBe(true);
  });

  test('a supply committee is not a district; a base assembly is one only for its own supply officers', () => {
    expect(runsDistrict(jap, person('marta'))).toBe(false);
    expect(runsDistrict(jap, person('nadie', true))).toBe(false);
    expect(runsDistrict({ ...jap, kind: 'workplace' }, person('nadie', true))).toBe(false);
  });
});
