/** The words and small numbers the common ground panel and the report share (issue 16). */
import {
  MIN_PARTICIPANTS,
  MIN_VOTES_PER_PARTICIPANT,
  groupLabel,
  type OpinionGroup,
  type VoteSplit,
} from '../../../../shared/common-ground.js';
import { countOf } from '../../../../shared/plural.js';

/** Everyone who voted on a statement, agree, disagree and pass together. */
export const splitTotal = (split: VoteSplit | undefined): number =>
  split ? split.agree + split.disagree + split.pass : 0;

/** A share of the votes on a statement as a whole percent (0 when nobody voted). */
export function percentOf(part: number, split: VoteSplit | undefined): number {
  const total = splitTotal(split);
  return total === 0 ? 0 : Math.round((part / total) * 100);
}

export const groupName = (index: number): string => `Group ${groupLabel(index)}`;

/** "Group A 86 % agree" (or "no votes" when none of the group voted on it). */
export function groupAgreement(index: number, split: VoteSplit | undefined): string {
  if (splitTotal(split) === 0) return `${groupName(index)}: no votes yet`;
  return `${groupName(index)} ${percentOf(split?.agree ?? 0, split)} % agree`;
}

/** "12 agree, 3 disagree, 2 pass". */
export function splitWords(split: VoteSplit | undefined): string {
  if (!split || splitTotal(split) === 0) return 'No votes yet';
  return `${split.agree} agree, ${split.disagree} disagree, ${split.pass} pass`;
}

/** Why there are no groups yet, in the numbers the server uses. */
export const NOT_ENOUGH_VOTES = `Not enough votes yet: groups appear once ${MIN_PARTICIPANTS} people have voted on ${MIN_VOTES_PER_PARTICIPANT} statements.`;

/** "Group A: 120 people; Group B: 80 people". */
export function groupSizes(groups: OpinionGroup[]): string {
  return groups.map((g, i) => `${groupName(i)}: ${countOf(g.size, 'person', 'people')}`).join('; ');
}

export const people = (n: number) => countOf(n, 'person', 'people');

/**
 * Group colours from the Okabe–Ito palette, which stays distinguishable with the common colour
 * vision deficiencies; group letters are drawn too, so colour is never the only cue.
 */
export const GROUP_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00'] as const;
export const groupColour = (index: number): string => GROUP_COLOURS[index % GROUP_COLOURS.length] ?? '#777777';
/** Letters drawn on each colour: white on the blue, black on the lighter ones (contrast 4.5 or more). */
const GROUP_INKS = ['#ffffff', '#000000', '#000000', '#000000', '#000000'] as const;
export const groupInk = (index: number): string => GROUP_INKS[index % GROUP_INKS.length] ?? '#000000';
