/** What the Node-side global setups hand to the tests inside workerd (vitest provide/inject). */
declare module "vitest" {
  interface ProvidedContext {
    /** Connection string of the origin the Worker's Hyperdrive binding points at. */
    originUrl: string;
    /** "pglite" (embedded) or "postgresql" (a real server from TEST_ORIGIN_URL). */
    originKind: string;
    /** ../shared/fixtures as base64 by relative path, or null when the folder is absent. */
    sharedFixtures: Record<string, string> | null;
  }
}

export {};
