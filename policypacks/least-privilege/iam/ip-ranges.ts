/**
 * CIDR ranges as the `IpAddress` operator reads them (IPv4 dotted quads and IPv6 in RFC 4291 text,
 * with an optional `/bits`), and how much of the address space a list of them covers together.
 * IPv4-mapped IPv6 ranges (`::ffff:0:0/96`), 6to4 and Teredo ranges count as the IPv4 addresses
 * they stand for (`transitionRange`). Anything that is
 * not plain CIDR notation (`0/0`, octal or shortened quads) is unreadable: the caller must not
 * count it as narrowing.
 */

export type Family = "IPv4" | "IPv6";

export interface IpRange {
    readonly family: Family;
    readonly first: bigint;
    /** Inclusive. */
    readonly last: bigint;
}

const quad = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function ipv4(text: string): bigint | undefined {
    const m = quad.exec(text);
    if (!m) return undefined;
    return m.slice(1).reduce((n, octet) => (n << 8n) | BigInt(octet), 0n);
}

function ipv6(text: string): bigint | undefined {
    let head = text;
    let tail: bigint[] = [];
    // An embedded dotted quad takes the last 32 bits (`::ffff:192.0.2.1`).
    const lastColon = text.lastIndexOf(":");
    if (text.includes(".")) {
        const v4 = ipv4(text.slice(lastColon + 1));
        if (v4 === undefined) return undefined;
        tail = [v4 >> 16n, v4 & 0xffffn];
        head = text.slice(0, lastColon + 1);
        if (head.endsWith(":") && !head.endsWith("::")) head = head.slice(0, -1);
    }
    const halves = head.split("::");
    if (halves.length > 2) return undefined;
    const groups = (part: string) => (part === "" ? [] : part.split(":"));
    const left = groups(halves[0]);
    const right = halves.length === 2 ? groups(halves[1]) : [];
    if (![...left, ...right].every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    const written = left.length + right.length + tail.length;
    if (halves.length === 1 ? written !== 8 : written > 7) return undefined;
    const zeros = Array<bigint>(8 - written).fill(0n);
    const all = [...left.map((g) => BigInt(`0x${g}`)), ...zeros, ...right.map((g) => BigInt(`0x${g}`)), ...tail];
    return all.reduce((n, g) => (n << 16n) | g, 0n);
}

const mappedPrefix = 0xffffn << 32n;

/** The range a CIDR value names, or `undefined` when it is not plain CIDR notation. */
export function parseRange(value: string): IpRange | undefined {
    const [address, bitsText, extra] = value.trim().split("/");
    if (extra !== undefined || (bitsText !== undefined && !/^(0|[1-9]\d{0,2})$/.test(bitsText))) return undefined;
    const v4 = ipv4(address);
    const family: Family = v4 !== undefined ? "IPv4" : "IPv6";
    const width = family === "IPv4" ? 32 : 128;
    const base = v4 ?? (address.includes(":") ? ipv6(address) : undefined);
    if (base === undefined) return undefined;
    const bits = bitsText === undefined ? width : Number(bitsText);
    if (bits > width) return undefined;
    const host = (1n << BigInt(width - bits)) - 1n;
    const first = base & ~host;
    const last = first | host;
    // IPv4-mapped IPv6 (::ffff:0:0/96) is the IPv4 space written in IPv6.
    if (family === "IPv6" && bits >= 96 && first >> 32n === 0xffffn) return { family: "IPv4", first: first - mappedPrefix, last: last - mappedPrefix };
    if (family === "IPv6") return transitionRange(first, bits) ?? { family, first, last };
    return { family, first, last };
}

/**
 * IPv6 ranges any IPv4 host reaches through a transition mechanism, as the IPv4 hosts they stand
 * for: 6to4 (2002::/16, RFC 3056) puts the site's IPv4 address in bits 16 to 47, so
 * `2002:V4::/n` is the IPv4 range `V4/(n-16)`; Teredo (2001::/32, RFC 4380) gives any IPv4 host
 * behind a relay an address with the client's own IPv4 address in its last 32 bits, so a Teredo
 * range of /96 or wider is every IPv4 host.
 */
function transitionRange(first: bigint, bits: number): IpRange | undefined {
    if (bits >= 16 && first >> 112n === 0x2002n) {
        const v4bits = Math.min(bits - 16, 32);
        const v4first = (first >> 80n) & 0xffffffffn & ~((1n << BigInt(32 - v4bits)) - 1n);
        return { family: "IPv4", first: v4first, last: v4first | ((1n << BigInt(32 - v4bits)) - 1n) };
    }
    if (bits >= 32 && bits <= 96 && first >> 96n === 0x20010000n) return { family: "IPv4", first: 0n, last: (1n << 32n) - 1n };
    return undefined;
}

/** How many addresses of each family the ranges cover together (overlaps counted once). */
export function coveredAddresses(ranges: readonly IpRange[]): Record<Family, bigint> {
    const covered: Record<Family, bigint> = { IPv4: 0n, IPv6: 0n };
    for (const family of ["IPv4", "IPv6"] as const) {
        const sorted = ranges.filter((r) => r.family === family).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
        let end = -1n;
        for (const r of sorted) {
            if (r.last <= end) continue;
            covered[family] += r.last - (r.first > end ? r.first : end + 1n) + 1n;
            end = r.last;
        }
    }
    return covered;
}

/**
 * Private ranges (RFC 1918 and IPv6 unique local, RFC 4193): a network's own addresses, counted
 * apart when judging how much of the internet a list covers.
 */
let privateList: readonly IpRange[] | undefined;
const privateRangesOf = (): readonly IpRange[] => (privateList ??= ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"].map((cidr) => parseRange(cidr)!));

/** How many public (non-private) addresses of each family the ranges cover together. */
export function coveredPublicAddresses(ranges: readonly IpRange[]): Record<Family, bigint> {
    const all = coveredAddresses([...ranges, ...privateRangesOf()]);
    const privateOnly = coveredAddresses(privateRangesOf());
    return { IPv4: all.IPv4 - privateOnly.IPv4, IPv6: all.IPv6 - privateOnly.IPv6 };
}

/** The size of each family's whole space. */
export const spaceSize: Record<Family, bigint> = { IPv4: 1n << 32n, IPv6: 1n << 128n };

/**
 * The widest union of public addresses that still names someone's network: a /8 of IPv4 and a /16
 * of IPv6. Wider unions are a share of the internet, not a network.
 */
export const widestNetwork: Record<Family, { bits: number; size: bigint }> = {
    IPv4: { bits: 8, size: 1n << 24n },
    IPv6: { bits: 16, size: 1n << 112n },
};
