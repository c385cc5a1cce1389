/**
 * What a motion's rule and result mean, in words, and the pure pieces of the motion
 * screens: the majority presets of the proposal form, the phase of a motion, options
 * typed one per line, weights in hundredths of a vote.
 */
import type { Language, MessageKey } from '../i18n.js';
import type { Translate } from '../language.js';
import type { ChoiceResult, Motion, MotionBase, RankingResult } from './api.js';

/** The default options of a yes/no motion, as the server stores them. */
const STANDARD_OPTIONS = ['yes', 'no', 'abstain'] as const;

/** An option as the person reads it: the standard three translated, others as written. */
export function optionLabel(t: Translate, option: string): string {
  return (STANDARD_OPTIONS as readonly string[]).includes(option) ? t(`motion.option.${option}` as MessageKey) : option;
}

export const MAJORITIES = ['simple', 'twoThirds', 'members'] as const;
export type Majority = (typeof MAJORITIES)[number];

/** The rule each preset of the proposal form sends. */
export const majorityRule: Readonly<Record<Majority, { base: MotionBase; threshold: number }>> = {
  simple: { base: 'cast', threshold: 0.5 },
  twoThirds: { base: 'cast', threshold: 2 / 3 },
  members: { base: 'members', threshold: 0.5 },
};

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
  const quorum = t('motion.rule.quorum', { percent: percent(motion.quorum) });
  if (motion.kind === 'ranking') return `${t('motion.rule.ranking')} ${quorum}`;
  const key: MessageKey = motion.base === 'members' ? 'motion.rule.members' : 'motion.rule.cast';
  return `${t(key, { share: shareWords(t, motion.threshold) })} ${quorum}`;
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
