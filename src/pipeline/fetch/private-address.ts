/**
 * Tells whether a URL host names a private, loopback, link-local or otherwise internal
 * address, as far as that can be known without DNS (a Worker cannot resolve names): IP
 * literals by range, including the IPv6 forms that carry an IPv4 address, and names that
 * resolve inside a network or are known to resolve to loopback or to an address they embed.
 * The host is canonicalized with the WHATWG URL parser first, so `127.1`, `0177.0.0.1`,
 * `0x7f000001` and `2130706433` are all `127.0.0.1` here whatever the caller passed.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = canonicalHost(hostname);
  if (host === null) return true;
  if (host.startsWith("[") && host.endsWith("]")) return isPrivateIPv6(host.slice(1, -1));
  const v4 = parseIPv4(host);
  if (v4 !== null) return isPrivateIPv4(v4);
  return isInternalName(host) || embedsPrivateIPv4(host);
}

/** Lower case, IPv4 in dotted decimal, trailing dots dropped; null when it is no valid host. */
function canonicalHost(hostname: string): string | null {
  const bracketed = hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname;
  try {
    return new URL(`http://${bracketed}/`).hostname.replace(/\.+$/, "");
  } catch {
    return null;
  }
}

const INTERNAL_SUFFIXES = [".localhost", ".local", ".internal", ".intranet", ".lan", ".home.arpa", ".localdomain"];

/**
 * Public DNS names that answer with loopback for every subdomain, or with whatever address
 * the subdomain spells (in dotted, dashed or hex form): no scrape source needs them, and
 * they are the usual way to smuggle an internal address past a guard that cannot resolve.
 */
const LOOPBACK_OR_WILDCARD_DOMAINS = [
  "localtest.me",
  "lvh.me",
  "vcap.me",
  "localho.st",
  "localhost.direct",
  "fuf.me",
  "nip.io",
  "sslip.io",
  "xip.io",
  "traefik.me",
];

function isInternalName(host: string): boolean {
  // A single label (`intranet`, `metadata`) resolves through the local search domains.
  if (host === "localhost" || !host.includes(".")) return true;
  if (INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return true;
  return LOOPBACK_OR_WILDCARD_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/**
 * Whether the name spells a private IPv4 address in four consecutive labels or dash-separated
 * parts (`10.0.0.1.example.com`, `127-0-0-1.example.com`, `app-192-168-1-1.example.com`),
 * the pattern wildcard DNS services resolve.
 */
function embedsPrivateIPv4(host: string): boolean {
  const parts = host.split(/[.-]/);
  for (let i = 0; i + 4 <= parts.length; i++) {
    const v4 = parseIPv4(parts.slice(i, i + 4).join("."));
    if (v4 !== null && isPrivateIPv4(v4)) return true;
  }
  return false;
}

function parseIPv4(host: string): number | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** [network, prefix length] pairs of IPv4 space that is not the public internet. */
const PRIVATE_V4: [number, number][] = [
  [0x00000000, 8], // "this" network
  [0x0a000000, 8], // RFC 1918
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local, cloud metadata
  [0xac100000, 12], // RFC 1918
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0a80000, 16], // RFC 1918
  [0xc6120000, 15], // benchmarking
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved, broadcast
];

function inRange(address: number, [network, prefix]: [number, number]): boolean {
  const size = 2 ** (32 - prefix);
  return address >= network && address < network + size;
}

export function isPrivateIPv4(address: number): boolean {
  return PRIVATE_V4.some((range) => inRange(address, range));
}

/** Eight 16-bit groups, or null when the text is not an IPv6 address. */
function parseIPv6(text: string): number[] | null {
  let body = text.split("%")[0] ?? "";
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted) {
    const v4 = parseIPv4(dotted[1] as string);
    if (v4 === null) return null;
    tail.push(Math.floor(v4 / 65536), v4 % 65536);
    body = body.slice(0, -(dotted[1] as string).length);
    if (body.endsWith(":") && !body.endsWith("::")) body = body.slice(0, -1);
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const head = groups(halves[0]);
  const rest = groups(halves[1]);
  if (![...head, ...rest].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const missing = 8 - head.length - rest.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const fill = halves.length === 2 ? new Array<number>(missing).fill(0) : [];
  return [...head.map((g) => parseInt(g, 16)), ...fill, ...rest.map((g) => parseInt(g, 16)), ...tail];
}

export function isPrivateIPv6(text: string): boolean {
  const g = parseIPv6(text.toLowerCase());
  // Not parseable: refuse rather than guess.
  if (!g) return true;
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embeddedV4 = g6 * 65536 + g7;
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0;
  if (upperZero && g4 === 0 && g5 === 0xffff) return isPrivateIPv4(embeddedV4); // IPv4-mapped ::ffff:a.b.c.d
  // The other forms that carry an IPv4 address reach it through a translator or tunnel the
  // scraper has no use for, so they are refused whatever address they carry:
  if (upperZero && g4 === 0 && g5 === 0) return true; // ::, ::1, IPv4-compatible ::a.b.c.d (deprecated)
  if (upperZero && g4 === 0xffff && g5 === 0) return true; // IPv4-translated ::ffff:0:a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b) return true; // NAT64 64:ff9b::/96 and local-use 64:ff9b:1::/48
  if (g0 === 0x2001 && g1 === 0) return true; // Teredo 2001::/32
  if (g0 === 0x2002) return isPrivateIPv4(g1 * 65536 + g2); // 6to4 2002:a.b.c.d::/48
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // discard-only 100::/64
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return true; // site-local (deprecated) fec0::/10
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return true; // documentation
  return false;
}

/** `SCRAPER_ALLOWED_PRIVATE_HOSTS`: comma-separated host names or IP literals, brackets optional. */
export function parseAllowedHosts(value: string | undefined): Set<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((h) =>
        h
          .trim()
          .toLowerCase()
          .replace(/^\[(.*)\]$/, "$1"),
      )
      .filter(Boolean),
  );
}

export function isAllowedHost(hostname: string, allowed: Set<string>): boolean {
  return allowed.has(hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1"));
}
