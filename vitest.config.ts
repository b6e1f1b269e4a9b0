import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      // `server-only` throws outside React's server graph (stack-notes pitfall 17).
      { find: /^server-only$/, replacement: `${root}scripts/test/empty-module.ts` },
    ],
  },
  test: {
    include: ["{app,components,db,inngest,lib,scripts}/**/*.test.{ts,tsx}"],
    globalSetup: ["./scripts/test/global-setup.ts"],
    setupFiles: ["./scripts/test/setup-file.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ["default", "./scripts/test/summary-reporter.ts"],
  },
});
