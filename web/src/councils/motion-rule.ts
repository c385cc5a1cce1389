/**
 * What a motion's rule and result mean, in words, and the pure pieces of the motion
 * screens: the rule the proposal form sends, the phase of a motion, options typed one
 * per line, weights in hundredths of a vote.
 */
import type { Language, MessageKey } from '../i18n.js';
import type { Translate } from '../language.js';
import type { ChoiceResult, Motion, MotionBase, MotionKind, NewMotion, RankingResult } from './api.js';

/** The default options of a yes/no motion, as the server stores them. */
const STANDARD_OPTIONS = ['yes', 'no', 'abstain'] as const;

/** An option as the person reads it: the standard three translated, others as written. */
export function optionLabel(t: Translate, option: string): string {
  return (STANDARD_OPTIONS as readonly string[]).includes(option) ? t(`motion.option.${option}` as MessageKey) : option;
}

/** The majority a motion decided by choice needs: more than half or two thirds, or a
 *  share of the person's own. */
export const THRESHOLDS = ['simple', 'twoThirds', 'custom'] as const;
export type ThresholdChoice = (typeof THRESHOLDS)[number];
export const thresholdShare: Readonly<Record<Exclude<ThresholdChoice, 'custom'>, number>> = { simple: 0.5, twoThirds: 2 / 3 };

/** Secret or by name: as the body's charter says unless the proposer chooses. */
export const SECRECIES = ['charter', 'secret', 'rollCall'] as const;
export type SecrecyChoice = (typeof SECRECIES)[number];

/** What the proposal form's "more options" hold, as typed. */
export interface RuleForm {
  kind: MotionKind;
  base: MotionBase;
  threshold: ThresholdChoice;
  /** The custom threshold in percent, when `threshold` is `custom`. */
  customPercent: string;
  /** Empty: the body's charter sets the quorum. */
  quorumPercent: string;
  secrecy: SecrecyChoice;
}

export const DEFAULT_RULE_FORM: RuleForm = { kind: 'choice', base: 'cast', threshold: 'simple', customPercent: '', quorumPercent: '', secrecy: 'charter' };

/** "66,7" or "66.7" → 0.667; null unless a number from 0 to 100 (below 100 if `below100`). */
export function parsePercent(text: string, below100 = false): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const p = Number(t);
  return p <= 100 && !(below100 && p === 100) ? p / 100 : null;
}

export type RuleProblem = 'threshold' | 'quorum';

/**
 * The rule the form sends: base and threshold for a motion decided by choice (a ranking
 * has none), the quorum and the secrecy only when chosen — left out, the server takes
 * the body's charter. Or the fields whose percent cannot be read.
 */
export function ruleOf(form: RuleForm): { rule: Pick<NewMotion, 'base' | 'threshold' | 'quorum' | 'secret'>; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const rule: Pick<NewMotion, 'base' | 'threshold' | 'quorum' | 'secret'> = {};
  if (form.kind === 'choice') {
    // the server's rule is "more than the threshold", which must stay below the whole
    const threshold = form.threshold === 'custom' ? parsePercent(form.customPercent, true) : thresholdShare[form.threshold];
    if (threshold === null) problems.push('threshold');
    else Object.assign(rule, { base: form.base, threshold });
  }
  if (form.quorumPercent.trim()) {
    const quorum = parsePercent(form.quorumPercent);
    if (quorum === null) problems.push('quorum');
    else rule.quorum = quorum;
  }
  if (form.secrecy !== 'charter') rule.secret = form.secrecy === 'secret';
  return { rule, problems };
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** "la mitad", "dos tercios", or a percentage. */
export function shareWords(t: Translate, share: number): string {
  if (near(share, 0.5)) return t('motion.share.half');
  if (near(share, 2 / 3)) return t('motion.share.twoThirds');
  if (near(share, 3 / 4)) return t('motion.share.threeQuarters');
  return t('motion.share.percent', { percent: percent(share) });
}

export const percent = (share: number) => Math.round(share * 1000) / 10;

/** "Se aprueba con más de la mitad de los votos emitidos (sin contar las abstenciones); quórum 50 %." */
export function ruleWords(t: Translate, motion: Pick<Motion, 'kind' | 'base' | 'threshold' | 'quorum'>): string {
  return `${majorityWords(t, motion)} ${t('motion.rule.quorum', { percent: percent(motion.quorum) })}`;
}

/** The rule without the quorum: "Se aprueba con más de dos tercios de los votos emitidos (…)." */
export function majorityWords(t: Translate, motion: Pick<Motion, 'kind' | 'base' | 'threshold'>): string {
  if (motion.kind === 'ranking') return t('motion.rule.ranking');
  const key: MessageKey = motion.base === 'members' ? 'motion.rule.members' : 'motion.rule.cast';
  return t(key, { share: shareWords(t, motion.threshold) });
}

export type MotionPhase = 'voting' | 'ended' | 'closed';

/** Voting while the window is open; ended once it has passed but the motion is not yet
 *  closed (anyone may close it); closed when the result is final. */
export function motionPhase(motion: Pick<Motion, 'status' | 'closesAt'>, now: number): MotionPhase {
  if (motion.status === 'closed') return 'closed';
  return now < Date.parse(motion.closesAt) ? 'voting' : 'ended';
}

/** Options typed one per line: trimmed, blank lines dropped. */
export function parseOptions(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

/** Why a list of options cannot be put to a vote, or null when it can. */
export function optionsProblem(options: readonly string[]): 'tooFew' | 'repeated' | null {
  if (options.length < 2) return 'tooFew';
  if (new Set(options.map((o) => o.toLocaleLowerCase())).size !== options.length) return 'repeated';
  return null;
}

/** Hundredths of a vote as votes, in the person's language: 300 → "3", 250 → "2,5". */
export function votes(language: Language, hundredths: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(hundredths / 100);
}

export function isChoiceResult(result: ChoiceResult | RankingResult): result is ChoiceResult {
  return Array.isArray((result as ChoiceResult).weights);
}
