/** "Did you mean": the candidate nearest a mistyped name, case aside, within an edit distance of 3. */
export function closest(candidates: Iterable<string>, name: string, maxDistance = 3): string | undefined {
    const wanted = name.toLowerCase();
    let best: { candidate: string; distance: number } | undefined;
    for (const candidate of candidates) {
        const lower = candidate.toLowerCase();
        if (Math.abs(lower.length - wanted.length) > maxDistance) continue;
        const distance = editDistance(wanted, lower);
        if (distance <= maxDistance && (best === undefined || distance < best.distance)) best = { candidate, distance };
    }
    return best?.candidate;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
