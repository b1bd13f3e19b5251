// What test/node/pipeline-setup.ts provides, as the Worker tests see it.
declare module "vitest" {
  interface ProvidedContext {
    sourceServerUrl: string;
    fakeOpenAiUrl: string;
  }
}

export {};
