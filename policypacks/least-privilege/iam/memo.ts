/** A Map, or a WeakMap for object keys. */
interface Cache<K, V> {
    get(key: K): V | undefined;
    has(key: K): boolean;
    set(key: K, value: V): unknown;
}

/**
 * `cache.get(key)`, computing and storing the value on a miss (`undefined` values are cached
 * too). With `limit`, a full Map is cleared before the next store: a long-lived analyzer sees
 * every element of every stack it judges, so caches keyed by them must not grow without bound.
 */
export function remember<K, V>(cache: Cache<K, V>, key: K, compute: (key: K) => V, limit?: number): V {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const value = compute(key);
    if (limit !== undefined && cache instanceof Map && cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
}
