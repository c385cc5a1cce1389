import { describe, expect, test } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../i18n.js';
import { DEFAULT_RULE_FORM, majorityWords, motionPhase, optionLabel, optionsProblem, parseOptions, parsePercent, ruleOf, ruleWords, votes } from './motion-rule.js';

const es = (key: MessageKey, params?: MessageParams) => translate('es', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

describe('motion rule in words', () => {
  test('simple majority of the votes cast, with the quorum', () => {
    expect(ruleWords(es, { kind: 'choice', base: 'cast', threshold: 0.5, quorum: 0.5 })).toBe(
      'Se aprueba con más de la mitad de los votos emitidos (sin contar las abstenciones). Quórum: 50 % de quienes tienen derecho a voto.',
    );
    expect(ruleWords(en, { kind: 'choice', base: 'cast', threshold: 2 / 3, quorum: 0.25 })).toBe(
      'Adopted with more than two thirds of the votes cast (abstentions not counted). Quorum: 25% of those entitled to vote.',
    );
  });
  test('a majority of the members, a ranking, an odd share', () => {
    expect(ruleWords(es, { kind: 'choice', base: 'members', threshold: 0.5, quorum: 0 })).toContain('más de la mitad de los miembros con derecho a voto');
    expect(ruleWords(es, { kind: 'ranking', base: 'cast', threshold: 0.5, quorum: 0.5 })).toContain('Schulze');
    expect(ruleWords(en, { kind: 'choice', base: 'cast', threshold: 0.6, quorum: 0.5 })).toContain('more than 60% of the votes cast');
  });
});

describe('the rule the proposal form sends', () => {
  test('by default a simple majority of the votes cast; quorum and secrecy left to the charter', () => {
    expect(ruleOf(DEFAULT_RULE_FORM)).toEqual({ rule: { base: 'cast', threshold: 0.5 }, problems: [] });
  });
  test('what the person chose, and nothing a ranking does not use', () => {
    expect(ruleOf({ ...DEFAULT_RULE_FORM, threshold: 'twoThirds', base: 'members', quorumPercent: '60', secrecy: 'rollCall' }))
      .toEqual({ rule: { base: 'members', threshold: 2 / 3, quorum: 0.6, secret: false }, problems: [] });
    expect(ruleOf({ ...DEFAULT_RULE_FORM, threshold: 'custom', customPercent: '75', secrecy: 'secret' }).rule).toEqual({ base: 'cast', threshold: 0.75, secret: true });
    expect(ruleOf({ ...DEFAULT_RULE_FORM, kind: 'ranking', threshold: 'custom', customPercent: 'x' })).toEqual({ rule: {}, problems: [] });
  });
  test('a share the server would refuse is a problem of its field', () => {
    expect(ruleOf({ ...DEFAULT_RULE_FORM, threshold: 'custom', customPercent: '100', quorumPercent: '101' }).problems).toEqual(['threshold', 'quorum']);
    expect(ruleOf({ ...DEFAULT_RULE_FORM, threshold: 'custom', customPercent: '' }).problems).toEqual(['threshold']);
  });
  test('percentages as people type them', () => {
    expect(parsePercent('66,7')).toBeCloseTo(0.667);
    expect(parsePercent(' 50 ')).toBe(0.5);
    expect(parsePercent('100')).toBe(1);
    expect(parsePercent('100', true)).toBeNull();
    expect(['-5', '1e2', '', '50%'].map((p) => parsePercent(p))).toEqual([null, null, null, null]);
  });
  test('the majority in words, without the quorum', () => {
    expect(majorityWords(es, { kind: 'choice', base: 'cast', threshold: 2 / 3 })).toBe('Se aprueba con más de dos tercios de los votos emitidos (sin contar las abstenciones).');
  });
});

test('the standard options are translated, others kept as written', () => {
  expect(['yes', 'no', 'abstain', 'Plan B'].map((o) => optionLabel(es, o))).toEqual(['Sí', 'No', 'Abstención', 'Plan B']);
});

test('phase: voting, ended (not yet closed), closed', () => {
  const closesAt = '2030-01-02T00:00:00Z';
  expect(motionPhase({ status: 'open', closesAt }, Date.parse('2030-01-01T00:00:00Z'))).toBe('voting');
  expect(motionPhase({ status: 'open', closesAt }, Date.parse(closesAt))).toBe('ended');
  expect(motionPhase({ status: 'closed', closesAt }, 0)).toBe('closed');
});

test('options one per line, and what is wrong with them', () => {
  expect(parseOptions(' Norte \n\n Sur\n')).toEqual(['Norte', 'Sur']);
  expect(optionsProblem(['Norte'])).toBe('tooFew');
  expect(optionsProblem(['Norte', 'norte'])).toBe('repeated');
  expect(optionsProblem(['Norte', 'Sur'])).toBeNull();
});

test('weights in hundredths read as votes', () => {
  expect(votes('es', 250)).toBe('2,5');
  expect(votes('en', 300)).toBe('3');
});
