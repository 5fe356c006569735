/** Small timing helpers: wall time of a piece of work, medians, and a log-log growth fit. */
import { performance } from "perf_hooks";

/** Milliseconds `work` takes. */
export async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
    const start = performance.now();
    await work();
    return performance.now() - start;
}

export function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The least-squares slope of log(time) against log(size): 1 is linear, 2 quadratic. */
export function growthExponent(points: readonly { size: number; ms: number }[]): number {
    const xs = points.map((p) => Math.log(p.size));
    const ys = points.map((p) => Math.log(p.ms));
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let num = 0;
    let den = 0;
    xs.forEach((x, i) => {
        num += (x - mx) * (ys[i] - my);
        den += (x - mx) ** 2;
    });
    return num / den;
}

export const fixed = (value: number, digits = 1) => value.toFixed(digits);
