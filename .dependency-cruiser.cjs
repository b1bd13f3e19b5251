/**
 * The import rules of the codebase (npm run deps): no cycles, and the layers of the README's
 * architecture section. Type-only imports count: a cycle of types still ties two modules together.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules that import each other cannot be read, tested or moved apart.",
      from: {},
      to: { circular: true },
    },
    {
      name: "ai-below-pipeline",
      severity: "error",
      comment: "ai/ is the model client the pipeline's validators use; it may not import the pipeline back.",
      from: { path: "^src/ai/" },
      to: { path: "^src/pipeline/" },
    },
    {
      name: "routes-no-data-access",
      severity: "error",
      comment:
        "Routes parse, call a service and shape the response: no drizzle, tables or bindings module (services take those as arguments).",
      from: { path: "^src/.+/(routes(/|\\.tsx?$)|[^/]+-routes?\\.tsx?$)" },
      to: { path: ["^node_modules/drizzle-orm", "^schemas/.+-tables\\.ts$", "^cloudflare:workers$"] },
    },
    {
      name: "cache-is-generic",
      severity: "error",
      comment: "The tiered cache serves every read path, so it knows no domain (questions, origin...).",
      from: { path: "^src/cache/" },
      to: { path: "^src/", pathNot: "^src/(cache|http|auth)/" },
    },
    {
      name: "schemas-are-leaves",
      severity: "error",
      comment: "Contracts (zod and drizzle) depend on libraries only, never on the code that uses them.",
      from: { path: "^schemas/" },
      to: { path: "^(src|workers)/" },
    },
    {
      name: "no-upward-imports",
      severity: "error",
      comment: "workers/ is the composition root: it imports src/, never the other way round.",
      from: { path: "^(src|schemas)/" },
      to: { path: "^workers/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that does not resolve is a typo or a missing dependency.",
      from: {},
      to: { couldNotResolve: true, pathNot: "^cloudflare:" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
