/**
 * Durable Object location hints, in a fixed order: an anonymous session's id carries the index
 * of its hint, so the shared object it lives in is created near the learners who use it.
 * Append only: stored ids name these positions.
 */
export const LOCATION_HINTS = [
  "wnam",
  "enam",
  "sam",
  "weur",
  "eeur",
  "apac",
  "oc",
  "afr",
  "me",
] as const satisfies readonly DurableObjectLocationHint[];

export type LocationHint = (typeof LOCATION_HINTS)[number];

// Asian countries Cloudflare's "me" hint serves better than "apac".
const MIDDLE_EAST = new Set(["AE", "BH", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "YE"]);

/** The hint for a request's location (its `cf` properties); null when Cloudflare did not say. */
export function locationHintOf(cf: Partial<IncomingRequestCfProperties> | undefined): LocationHint | null {
  const longitude = Number(cf?.longitude);
  switch (cf?.continent) {
    case "NA":
      return longitude < -100 ? "wnam" : "enam";
    case "SA":
      return "sam";
    case "EU":
      return longitude > 20 ? "eeur" : "weur";
    case "AS":
      return MIDDLE_EAST.has(String(cf.country)) ? "me" : "apac";
    case "OC":
    case "AN":
      return "oc";
    case "AF":
      return "afr";
    default:
      return null;
  }
}
