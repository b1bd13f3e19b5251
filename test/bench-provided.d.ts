// What test/node/bench-collector.ts provides, as the benchmark (in workerd) sees it.
declare module "vitest" {
  interface ProvidedContext {
    benchCollectorUrl: string;
  }
}

export {};
