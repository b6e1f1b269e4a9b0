import { defineConfig } from "@playwright/test";

// E2E against `next build` + `next start` on a fresh embedded database (the path a newcomer
// takes), driven by Debian's chromium: Playwright's own browser download is not reachable here.
// E2E_PORT lets a second suite run beside the first (own port, own database and mailbox folders).
const PORT = Number(process.env.E2E_PORT || 3100);
const suffix = PORT === 3100 ? "" : `-${PORT}`;

export default defineConfig({
  testDir: "./e2e",
  outputDir: `./test-results/e2e${suffix}`,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: `test-results/playwright${suffix}.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // "setup" signs the demo accounts in once and saves their sessions (e2e/auth.setup.ts); the
  // specs resume them through e2e/support.ts. TOTP codes are single-use, so not every test can
  // sign an admin in anew.
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "e2e", testIgnore: /auth\.setup\.ts$/, dependencies: ["setup"] },
  ],
  webServer: {
    command: "bash scripts/e2e-server.sh",
    url: `http://127.0.0.1:${PORT}/api/inngest`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    env: { PORT: String(PORT) },
  },
});
