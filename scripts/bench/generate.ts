/**
 * The benchmark's stack: N identity-policy documents of 10 statements each, drawn (seeded) from
 * the statements the committed stacks really render, so the services, actions and resource
 * shapes are the seeds'. Each document gets its own account ID (no two texts alike, as in a real
 * stack) and a few statements are widened the ways people widen them: `"*"` resources, whole-id
 * wildcards, `service:*` and `Get*` actions, and some Deny statements.
 */
export type RawStatement = Record<string, unknown>;

/** Deterministic PRNG (mulberry32), so every run judges the same documents. */
export function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** Every statement of every identity document in the given rendered policies. */
export function statementPool(documents: readonly string[]): RawStatement[] {
    const pool: RawStatement[] = [];
    for (const text of documents) {
        const statements = (JSON.parse(text) as { Statement?: unknown }).Statement;
        for (const s of Array.isArray(statements) ? statements : [statements]) {
            if (typeof s === "object" && s !== null && "Action" in s && "Resource" in s) pool.push(s as RawStatement);
        }
    }
    if (pool.length === 0) throw new Error("no statements to draw from");
    return pool;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value : [value]) as string[];

/** One statement widened the way a careless edit would, or left as rendered. */
function vary(statement: RawStatement, pick: () => number): RawStatement {
    const s: RawStatement = { ...statement };
    const roll = pick();
    const actions = list(s.Action);
    const service = actions[0].split(":")[0];
    if (roll < 0.04) s.Resource = "*";
    else if (roll < 0.07) s.Resource = list(s.Resource).map((r) => (r === "*" ? r : r.replace(/[^:/]+$/, "*")));
    else if (roll < 0.09) s.Action = `${service}:*`;
    else if (roll < 0.11) s.Action = [...actions, `${service}:Get*`];
    else if (roll < 0.16) s.Effect = "Deny";
    return s;
}

/**
 * `count` documents of `statements` statements each, as JSON text (what the engine hands the pack).
 * `batch` shifts the account IDs: the same shapes as new texts, so no pass reuses another's cache.
 */
export function generateDocuments(pool: readonly RawStatement[], count: number, statements = 10, batch = 0, seed = 7): string[] {
    const pick = random(seed);
    const documents: string[] = [];
    for (let i = 0; i < count; i++) {
        const account = String(100000000000 + batch * 1000000 + i);
        const chosen: RawStatement[] = [];
        for (let k = 0; k < statements; k++) {
            const s = vary(pool[Math.floor(pick() * pool.length)], pick);
            chosen.push({ ...s, Sid: `S${k}` });
        }
        documents.push(JSON.stringify({ Version: "2012-10-17", Statement: chosen }).replace(/123456789012/g, account));
    }
    return documents;
}
