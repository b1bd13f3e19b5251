/** The named entities met in quiz sources; anything rarer is left as written. */
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  shy: "\u00ad",
  lsquo: "\u2018",
  rsquo: "\u2019",
  sbquo: "\u201a",
  ldquo: "\u201c",
  rdquo: "\u201d",
  bdquo: "\u201e",
  laquo: "\u00ab",
  raquo: "\u00bb",
  lsaquo: "\u2039",
  rsaquo: "\u203a",
  ndash: "\u2013",
  mdash: "\u2014",
  hellip: "\u2026",
  bull: "\u2022",
  middot: "\u00b7",
  prime: "\u2032",
  Prime: "\u2033",
  dagger: "\u2020",
  copy: "\u00a9",
  reg: "\u00ae",
  trade: "\u2122",
  deg: "\u00b0",
  plusmn: "\u00b1",
  times: "\u00d7",
  divide: "\u00f7",
  micro: "\u00b5",
  para: "\u00b6",
  sect: "\u00a7",
  cent: "\u00a2",
  pound: "\u00a3",
  euro: "\u20ac",
  yen: "\u00a5",
  iexcl: "\u00a1",
  iquest: "\u00bf",
  ordf: "\u00aa",
  ordm: "\u00ba",
  sup1: "\u00b9",
  sup2: "\u00b2",
  sup3: "\u00b3",
  frac14: "\u00bc",
  frac12: "\u00bd",
  frac34: "\u00be",
  szlig: "\u00df",
  aelig: "\u00e6",
  AElig: "\u00c6",
  oelig: "\u0153",
  OElig: "\u0152",
  eth: "\u00f0",
  ETH: "\u00d0",
  thorn: "\u00fe",
  THORN: "\u00de",
  oslash: "\u00f8",
  Oslash: "\u00d8",
  aring: "\u00e5",
  Aring: "\u00c5",
  ccedil: "\u00e7",
  Ccedil: "\u00c7",
  ntilde: "\u00f1",
  Ntilde: "\u00d1",
  scaron: "\u0161",
  Scaron: "\u0160",
  zcaron: "\u017e",
  Zcaron: "\u017d",
  yuml: "\u00ff",
  Yuml: "\u0178",
  pi: "\u03c0",
  Pi: "\u03a0",
  alpha: "\u03b1",
  beta: "\u03b2",
  gamma: "\u03b3",
  Gamma: "\u0393",
  delta: "\u03b4",
  Delta: "\u0394",
  epsilon: "\u03b5",
  theta: "\u03b8",
  lambda: "\u03bb",
  mu: "\u03bc",
  sigma: "\u03c3",
  Sigma: "\u03a3",
  tau: "\u03c4",
  phi: "\u03c6",
  omega: "\u03c9",
  Omega: "\u03a9",
  infin: "\u221e",
  ne: "\u2260",
  le: "\u2264",
  ge: "\u2265",
  asymp: "\u2248",
  minus: "\u2212",
  radic: "\u221a",
  sum: "\u2211",
  larr: "\u2190",
  rarr: "\u2192",
  uarr: "\u2191",
  darr: "\u2193",
  harr: "\u2194",
  rArr: "\u21d2",
  hearts: "\u2665",
  spades: "\u2660",
  clubs: "\u2663",
  diams: "\u2666",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  zwj: "\u200d",
  zwnj: "\u200c",
};

/** Vowels carrying the accents HTML names systematically (&eacute; &Uuml; ...). */
const ACCENTS: Record<string, string> = {
  acute: "\u0301",
  grave: "\u0300",
  circ: "\u0302",
  uml: "\u0308",
  tilde: "\u0303",
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g;

function codePoint(n: number): string | undefined {
  if (!Number.isFinite(n) || n <= 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
  return String.fromCodePoint(n);
}

function named(name: string): string | undefined {
  const direct = NAMED[name];
  if (direct !== undefined) return direct;
  const accent = /^([A-Za-z])(acute|grave|circ|uml|tilde)$/.exec(name);
  if (accent?.[1] && accent[2]) return `${accent[1]}${ACCENTS[accent[2]]}`.normalize("NFC");
  return undefined;
}

/** Decodes numeric and common named character references; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined) return codePoint(Number.parseInt(dec, 10)) ?? whole;
    if (hex !== undefined) return codePoint(Number.parseInt(hex, 16)) ?? whole;
    if (name !== undefined) {
      // A name needs its ';' unless it is one of the few that browsers accept bare.
      const hasSemicolon = whole.endsWith(";");
      if (!hasSemicolon && !["amp", "lt", "gt", "quot", "nbsp"].includes(name)) return whole;
      return named(name) ?? whole;
    }
    return whole;
  });
}
