import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { resumeSession, screenshot } from "./support";

// Inviting a user end to end: the company admin invites a staff member for a branch, the invitee
// accepts through the mailed link and signs in; the link is single-use; the admin changes the
// new user's role and deactivates them, which ends their open session at once.
const ADMIN = "inhaberin@schnittkunst.de";
const PASSWORD = "Scheren-klappern-im-Takt-9";

/** The newest invitation link mailed to an address (read like e2e/password.spec.ts does). */
async function invitationLinkFromMailbox(page: Page, to: string): Promise<string> {
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    await expect(page.getByTestId("mailbox-item").first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.getByTestId("mailbox-item").first().getByRole("link").click();
  await expect(page.getByTestId("mailbox-meta-template")).toBeVisible();
  await expect(page.getByTestId("mailbox-text")).toContainText("Salon Schnittkunst");
  const link = page.getByTestId("mailbox-link").filter({ hasText: "/invite/" }).first();
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{43}$/);
  return href!;
}

function postJson(request: APIRequestContext, url: string, data: unknown) {
  return request.post(url, { data: Buffer.from(JSON.stringify(data)), headers: { "content-type": "application/json" } });
}

test.describe("[USERS] inviting a user", () => {
  test("admin invites a staff member, who accepts, signs in, is changed to viewer and deactivated", async ({ page, browser }) => {
    test.setTimeout(120_000);
    const email = `neu-${Date.now()}@schnittkunst.de`;
    const invitee = await browser.newContext();
    const inviteePage = await invitee.newPage();
    let link = "";

    await test.step("the admin invites; a bad address is refused inline first", async () => {
      await resumeSession(page, ADMIN);
      await page.goto("/settings/users");
      await expect(page.getByTestId("page-title")).toHaveText("Benutzer");
      await expect(page.getByTestId("user-row").filter({ hasText: ADMIN })).toBeVisible();

      await page.getByTestId("invite-email").fill("kein-at-zeichen");
      await page.getByTestId("invite-role").selectOption("staff");
      await page.getByLabel("Schnittkunst Mitte").check();
      await page.getByTestId("invite-submit").click();
      await expect(page.getByTestId("invite-email-error")).toContainText("gültige E-Mail-Adresse");
      // The refused form keeps what was typed.
      await expect(page.getByTestId("invite-email")).toHaveValue("kein-at-zeichen");
      await expect(page.getByLabel("Schnittkunst Mitte")).toBeChecked();

      await page.getByTestId("invite-email").fill(email);
      await page.getByTestId("invite-submit").click();
      await expect(page.getByTestId("invite-message")).toContainText("Einladung gesendet");
      const row = page.getByTestId("invitation-row").filter({ hasText: email });
      await expect(row).toContainText("Mitarbeiter");
      await expect(row).toContainText("Schnittkunst Mitte");
      await expect(row.getByTestId("invitation-expiry")).toContainText("Gültig bis");
      await screenshot(page, "users-page");
    });

    await test.step("the mail arrives; the invitee sets name and password and signs in", async () => {
      link = await invitationLinkFromMailbox(inviteePage, email);
      await inviteePage.goto(link);
      await expect(inviteePage.getByTestId("page-title")).toContainText("Salon Schnittkunst");
      await expect(inviteePage.getByTestId("invite-accept-email")).toHaveValue(email);
      // The password policy speaks first.
      await inviteePage.getByTestId("invite-accept-name").fill("Nele Neumann");
      await inviteePage.getByTestId("invite-accept-password").fill("password1234");
      await inviteePage.getByTestId("invite-accept-confirm").fill("password1234");
      await inviteePage.getByTestId("invite-accept-submit").click();
      await expect(inviteePage.getByTestId("invite-accept-password-error")).toContainText("zu verbreitet");
      await screenshot(inviteePage, "users-invite-accept");

      await inviteePage.getByTestId("invite-accept-password").fill(PASSWORD);
      await inviteePage.getByTestId("invite-accept-confirm").fill(PASSWORD);
      await inviteePage.getByTestId("invite-accept-submit").click();
      await expect(inviteePage).toHaveURL(/\/sign-in\?invited=1$/);
      await expect(inviteePage.getByTestId("sign-in-invited")).toContainText("Ihr Konto wurde angelegt");
      await inviteePage.getByTestId("sign-in-email").fill(email);
      await inviteePage.getByTestId("sign-in-password").fill(PASSWORD);
      await inviteePage.getByTestId("sign-in-submit").click();
      await inviteePage.waitForURL(/\/dashboard/);
      await expect(inviteePage.getByTestId("app-sidebar")).toBeVisible();
    });

    await test.step("the same link again says it was used, on the page and at the endpoint", async () => {
      const other = await browser.newContext();
      const otherPage = await other.newPage();
      await otherPage.goto(link);
      await expect(otherPage.getByTestId("invite-invalid")).toHaveAttribute("data-error", "invitation_used");
      await expect(otherPage.getByTestId("invite-invalid")).toContainText("bereits verwendet");
      await screenshot(otherPage, "users-invite-used");
      const token = new URL(link).pathname.split("/").pop()!;
      const res = await postJson(otherPage.request, "/invite/accept", { token, name: "Noch wer", password: PASSWORD, confirmPassword: PASSWORD });
      expect(res.status()).toBe(409);
      expect(await res.json()).toEqual({ ok: false, error: "invitation_used" });
      const unknown = await postJson(otherPage.request, "/invite/accept", { token: "A".repeat(43), name: "X", password: PASSWORD, confirmPassword: PASSWORD });
      expect(unknown.status()).toBe(404);
      expect(await unknown.json()).toEqual({ ok: false, error: "invitation_invalid" });
      const malformed = await otherPage.request.post("/invite/accept", { data: "{nope", headers: { "content-type": "application/json" } });
      expect(malformed.status()).toBe(400);
      await other.close();
    });

    await test.step("the admin changes the role to viewer, then deactivates; the open session ends", async () => {
      await page.goto("/settings/users");
      const row = page.getByTestId("user-row").filter({ hasText: email });
      await expect(row.getByTestId("user-role")).toHaveText("Mitarbeiter");
      await expect(row.getByTestId("user-branches")).toHaveText("Schnittkunst Mitte");
      await row.getByTestId("user-edit").click();
      await row.getByTestId("user-role-select").selectOption("viewer");
      await row.getByTestId("user-role-save").click();
      await expect(row.getByTestId("user-message")).toContainText("Rolle gespeichert");
      await expect(row.getByTestId("user-role")).toHaveText("Lesezugriff");

      await row.getByTestId("user-deactivate").click();
      await expect(row).toContainText("Alle Sitzungen dieser Person enden sofort");
      await row.getByTestId("user-active-confirm").click();
      await expect(row.getByTestId("user-status")).toHaveText("Deaktiviert");
      await expect(row.getByTestId("user-reactivate")).toBeVisible();
      await screenshot(page, "users-page-deactivated");

      await inviteePage.goto("/dashboard");
      await expect(inviteePage).toHaveURL(/\/sign-in/);
      await invitee.close();
    });
  });
});
