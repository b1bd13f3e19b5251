/**
 * HTML character references. Scraped sources (OpenTDB, Moodle exports, plain pages) use the
 * HTML 4 named set almost exclusively, so that set is built in; an unknown name is left as
 * written rather than guessed.
 */

// Code points 160..255 in order: the Latin-1 names are a contiguous run.
const LATIN1 =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr " +
  "deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest " +
  "Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml " +
  "ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig " +
  "agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml " +
  "eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";

// Greek letters run from U+0391 and U+03B1; U+03A2 has no capital (final sigma is lower case only).
const GREEK =
  "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho - Sigma Tau Upsilon Phi Chi Psi Omega";
const GREEK_LOWER =
  "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega";

// The rest of the HTML 4 set (punctuation, arrows, maths, shapes), name=code point.
const OTHERS =
  "quot=34 amp=38 apos=39 lt=60 gt=62 OElig=338 oelig=339 Scaron=352 scaron=353 Yuml=376 fnof=402 circ=710 " +
  "tilde=732 thetasym=977 upsih=978 piv=982 ensp=8194 emsp=8195 thinsp=8201 zwnj=8204 zwj=8205 lrm=8206 " +
  "rlm=8207 ndash=8211 mdash=8212 lsquo=8216 rsquo=8217 sbquo=8218 ldquo=8220 rdquo=8221 bdquo=8222 " +
  "dagger=8224 Dagger=8225 bull=8226 hellip=8230 permil=8240 prime=8242 Prime=8243 lsaquo=8249 rsaquo=8250 " +
  "oline=8254 frasl=8260 euro=8364 image=8465 weierp=8472 real=8476 trade=8482 alefsym=8501 larr=8592 " +
  "uarr=8593 rarr=8594 darr=8595 harr=8596 crarr=8629 lArr=8656 uArr=8657 rArr=8658 dArr=8659 hArr=8660 " +
  "forall=8704 part=8706 exist=8707 empty=8709 nabla=8711 isin=8712 notin=8713 ni=8715 prod=8719 sum=8721 " +
  "minus=8722 lowast=8727 radic=8730 prop=8733 infin=8734 ang=8736 and=8743 or=8744 cap=8745 cup=8746 " +
  "int=8747 there4=8756 sim=8764 cong=8773 asymp=8776 ne=8800 equiv=8801 le=8804 ge=8805 sub=8834 sup=8835 " +
  "nsub=8836 sube=8838 supe=8839 oplus=8853 otimes=8855 perp=8869 sdot=8901 lceil=8968 rceil=8969 " +
  "lfloor=8970 rfloor=8971 lang=10216 rang=10217 loz=9674 spades=9824 clubs=9827 hearts=9829 diams=9830";

// Numeric references to 0x80..0x9F mean Windows-1252 characters in real documents (the HTML
// parsing rules say so too); listed from 0x80, 0 where the byte is undefined.
const CP1252 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function buildTable(): Map<string, string> {
  const table = new Map<string, string>();
  LATIN1.split(" ").forEach((name, i) => {
    table.set(name, String.fromCodePoint(160 + i));
  });
  GREEK.split(" ").forEach((name, i) => {
    if (name !== "-") table.set(name, String.fromCodePoint(0x391 + i));
  });
  GREEK_LOWER.split(" ").forEach((name, i) => {
    table.set(name, String.fromCodePoint(0x3b1 + i));
  });
  for (const pair of OTHERS.split(" ")) {
    const [name, code] = pair.split("=");
    if (name && code) table.set(name, String.fromCodePoint(Number(code)));
  }
  return table;
}

const NAMED = buildTable();

/** The named references of HTML, for readers (XML) that take a table of their own. */
export const NAMED_ENTITIES: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(NAMED));

function fromCodePoint(code: number): string {
  if (code >= 0x80 && code <= 0x9f) {
    const mapped = CP1252[code - 0x80];
    if (mapped) return String.fromCodePoint(mapped);
  }
  // NUL, lone surrogates and out-of-range values cannot be represented: the replacement char.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(code);
}

// Named references need their ';' (so "AT&T" or "R&D;" stay text), except the few that
// browsers also accept bare and that hand-written HTML really uses bare ("&nbsp " or "&amp ");
// numeric references may omit it.
const REFERENCE =
  /&(?:#[xX]([0-9a-fA-F]{1,8});?|#([0-9]{1,10});?|([A-Za-z][A-Za-z0-9]{1,31});|(amp|lt|gt|quot|nbsp)(?![A-Za-z0-9=]))/g;

/** Replaces named and numeric character references with the characters they stand for. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    REFERENCE,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined, bare: string | undefined) => {
      if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
      if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10));
      return NAMED.get(name ?? bare ?? "") ?? whole;
    },
  );
}

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
