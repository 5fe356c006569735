/** The known word nearest a misspelt one, for "did you mean" hints in config errors (the pack's `closest`). */
import { closest } from "../../policypacks/least-privilege/iam/closest";

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo: at most a third
 * of the word's length away (and at least 1 edit allowed), or equal ignoring case.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
    return closest(candidates, word, Math.max(1, Math.floor(word.length / 3)));
}

/** `; did you mean "x"?`, or nothing when no candidate is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
    const match = nearest(word, candidates);
    return match === undefined ? "" : `; did you mean ${match}?`;
}
