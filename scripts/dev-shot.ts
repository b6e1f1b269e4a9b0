// Looks at a page of a running dev server: signs a demo account in (once; the session is kept in
// .data/e2e-auth-<port>), opens the path in the given language and saves a full-page screenshot.
//   E2E_PORT=3000 npx tsx scripts/dev-shot.ts /staff /tmp/staff.png [--email x] [--locale en] [--width 1280]
// Prints the final URL, the HTTP status, the console errors and the page's visible text (first 3000 chars).
import { chromium } from "@playwright/test";
import { resumeSession } from "../e2e/support";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1]! : fallback;
};
const email = option("email", "inhaberin@schnittkunst.de");
const locale = option("locale", "de");
const width = Number(option("width", "1280"));
const [path = "/dashboard", out = "/tmp/shot.png"] = args;
const port = Number(process.env.E2E_PORT || 3000);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, viewport: { width, height: 900 } });
const page = await context.newPage();
const errors: string[] = [];
page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
page.on("pageerror", (e) => errors.push(String(e)));
try {
  await resumeSession(page, email);
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: `http://127.0.0.1:${port}` }]);
  const response = await page.goto(path, { waitUntil: "networkidle", timeout: 120_000 });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`url: ${page.url()}  status: ${response?.status()}`);
  if (errors.length) console.log(`console errors:\n${errors.join("\n")}`);
  console.log((await page.locator("body").innerText()).slice(0, 3000));
} finally {
  await browser.close();
}
