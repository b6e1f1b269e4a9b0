import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// The platform admin's webhook inbox (/settings/webhooks): the tab, filtering by status, searching
// by provider event id, a delivery's page with its payload and last error, and replay (the demo
// runs without an Inngest server, so the event goes back to pending for the redrive and the page
// says so); the replay shows up under security events. A company admin has no tab and is refused.
// The demo seed (db/seed/voice.ts, insertDemoInbox) gives the inbox processed, pending, failed
// (one given up after 8 attempts) and ignored Retell deliveries.

const PLATFORM_ADMIN = "admin@askproai.de";
const COMPANY_ADMIN = "inhaberin@schnittkunst.de";

const rows = (page: Page) => page.getByTestId("data-table-row");

async function settled(page: Page) {
  await expect(page.getByTestId("data-table-frame")).not.toHaveAttribute("data-pending", "true");
}

test.describe("[WEBHOOKS] platform admin inbox", () => {
  test("platform admin filters by status, searches, opens a payload and replays a failed delivery", async ({ page }) => {
    await resumeSession(page, PLATFORM_ADMIN);
    await chooseLocale(page, "de");
    await page.goto("/settings");
    await page.getByTestId("settings-tab-webhooks").click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    await expect(page.getByTestId("page-title")).toHaveText("Webhooks");
    await expect(page.getByTestId("webhooks-table")).toBeVisible();
    await expect(rows(page).first()).toBeVisible();
    expect(await rows(page).count()).toBeGreaterThanOrEqual(5);
    await screenshot(page, "webhooks-de");

    // Status filter: one value, in the URL, and every row has it.
    await page.getByTestId("webhooks-filter-status").click();
    await page.getByTestId("webhooks-filter-status-failed").click();
    await expect(page).toHaveURL(/[?&]status=failed/);
    await settled(page);
    await expect(rows(page).first()).toBeVisible();
    for (const status of await page.getByTestId("webhook-status").evaluateAll((badges) => badges.map((b) => b.getAttribute("data-status")))) {
      expect(status).toBe("failed");
    }
    await expect(page.getByTestId("webhook-error").first()).toBeVisible();

    // Search by the call id inside the provider event id ("retell:<call id>:<event>").
    const providerEventId = (await page.getByTestId("webhook-provider-event-id").first().getAttribute("title"))!;
    const callId = providerEventId.split(":")[1]!;
    await page.getByTestId("data-table-search").fill(callId.slice(-12));
    await expect(page).toHaveURL(/[?&]q=/);
    await settled(page);
    await expect(page.getByTestId("webhooks-search-hint")).toBeVisible();
    for (const id of await page.getByTestId("webhook-provider-event-id").allTextContents()) expect(id).toContain(callId.slice(-12));

    // The delivery given up after 8 attempts: its page with metadata, last error and payload.
    await page.goto(`/settings/webhooks?status=failed&type=call_ended&q=${callId}`);
    await settled(page);
    await rows(page).first().getByTestId("webhook-open").click();
    await expect(page).toHaveURL(/\/settings\/webhooks\/[0-9a-f-]{36}$/);
    const detailUrl = page.url();
    await expect(page.getByTestId("webhook-detail-status")).toHaveAttribute("data-status", "failed");
    await expect(page.getByTestId("webhook-detail-attempts")).toHaveText("8");
    await expect(page.getByTestId("webhook-detail-error")).toContainText("lock timeout");
    await expect(page.getByTestId("webhook-detail-type")).toHaveText("call_ended");
    const payload = page.getByTestId("webhook-payload");
    await expect(payload).toContainText('"event": "call_ended"');
    await expect(payload).toContainText(`"call_id": "${callId}"`);
    await expect(page.getByTestId("webhook-payload-copy")).toBeVisible();
    await screenshot(page, "webhook-detail-de");

    // Replay: asks first; back to pending. Without an Inngest server the message says the redrive takes over.
    await page.getByTestId("webhook-replay").click();
    await expect(page.getByTestId("webhook-replay-dialog")).toBeVisible();
    await page.getByTestId("webhook-replay-confirm").click();
    await expect(page.getByTestId("webhook-replay-dialog")).toHaveCount(0);
    await expect(page.getByTestId("webhook-replay-message")).toBeVisible();
    await expect(page.getByTestId("webhook-detail-status")).toHaveAttribute("data-status", "pending");
    await expect(page.getByTestId("webhook-detail-attempts")).toHaveText("8");
    await screenshot(page, "webhook-replayed-de");

    // The replay left a trace among the security events (the platform's own, all companies).
    await page.goto("/settings/security?type=webhook_replayed&scope=all");
    await expect(page.getByTestId("security-event").first()).toBeVisible();
    await expect(page.getByTestId("security-event").first()).toContainText(detailUrl.split("/").at(-1)!);

    // English, and an unknown or malformed id is a real 404.
    await chooseLocale(page, "en");
    await page.goto("/settings/webhooks");
    await expect(page.getByTestId("page-title")).toHaveText("Webhooks");
    await expect(page.getByTestId("data-table-head-received")).toContainText("Received");
    await screenshot(page, "webhooks-en");
    for (const bad of ["nope", "01a20f04-94fc-7340-8650-000000000000"]) {
      const response = await page.goto(`/settings/webhooks/${bad}`);
      expect(response?.status(), bad).toBe(404);
    }
    await chooseLocale(page, "de");
  });

  test("a company admin has no webhooks tab and is refused the pages", async ({ page }) => {
    await resumeSession(page, COMPANY_ADMIN);
    await chooseLocale(page, "de");
    await page.goto("/settings");
    await expect(page.getByTestId("settings-tabs")).toBeVisible();
    await expect(page.getByTestId("settings-tab-webhooks")).toHaveCount(0);
    // The list streams its loading skeleton first (loading.tsx), so the refusal arrives in the
    // stream: the forbidden page, under a 200. A delivery's page has no skeleton: a real 403.
    await page.goto("/settings/webhooks");
    await expect(page.getByTestId("page-title")).toHaveText("Kein Zugriff");
    await expect(page.getByTestId("webhooks-table")).toHaveCount(0);
    const detail = await page.goto("/settings/webhooks/01a20f04-94fc-7340-8650-000000000000");
    expect(detail?.status()).toBe(403);
    await expect(page.getByTestId("page-title")).toHaveText("Kein Zugriff");
  });
});
