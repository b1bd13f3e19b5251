import { describe, expect, it } from "vitest";
import { LOCATION_HINTS, locationHintOf } from "../../src/sessions/location-hint.ts";
import { newSessionId, sessionLocationHint } from "../../src/sessions/session-id.ts";

const cf = (continent: string, extra: Record<string, string> = {}) =>
  ({ continent, ...extra }) as Partial<IncomingRequestCfProperties>;

describe("location hints of anonymous sessions", () => {
  it("maps where a request came from to the nearest hint", () => {
    expect(locationHintOf(cf("NA", { longitude: "-122.4" }))).toBe("wnam");
    expect(locationHintOf(cf("NA", { longitude: "-74.0" }))).toBe("enam");
    expect(locationHintOf(cf("SA"))).toBe("sam");
    expect(locationHintOf(cf("EU", { longitude: "2.35" }))).toBe("weur");
    expect(locationHintOf(cf("EU", { longitude: "37.6" }))).toBe("eeur");
    expect(locationHintOf(cf("AS", { country: "MN" }))).toBe("apac");
    expect(locationHintOf(cf("AS", { country: "AE" }))).toBe("me");
    expect(locationHintOf(cf("OC"))).toBe("oc");
    expect(locationHintOf(cf("AF"))).toBe("afr");
    expect(locationHintOf(undefined)).toBeNull();
  });

  it("carries the hint in the session id's first digit, the other 124 bits random", () => {
    for (const hint of [...LOCATION_HINTS, null]) {
      const id = newSessionId(hint);
      expect(id).toMatch(/^s_[0-9a-f]{32}$/);
      expect(sessionLocationHint(id)).toBe(hint);
    }
    const ids = new Set(Array.from({ length: 1000 }, () => newSessionId("weur").slice(3)));
    expect(ids.size).toBe(1000);
  });
});
