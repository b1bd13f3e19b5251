/**
 * A LEARNER namespace whose objects cannot be reached: every call on a stub rejects, as when
 * the object is overloaded, being reset or its data centre is unreachable.
 */
export function unreachableLearners(): Env["LEARNER"] {
  const stub = new Proxy(
    {},
    {
      get: (_target, name) =>
        name === "then" ? undefined : () => Promise.reject(new Error("Durable Object is overloaded")),
    },
  );
  return {
    idFromName: (name: string) => ({ name, toString: () => name }),
    get: () => stub,
  } as unknown as Env["LEARNER"];
}
