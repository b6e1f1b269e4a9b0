// npm run demo:totp – the current two-factor code of the demo admins (one shared demo secret,
// lib/auth/two-factor-demo.ts), and the next one with the seconds left.
import { DEMO_TOTP_SECRET, DEMO_TWO_FACTOR_EMAILS, TOTP_PERIOD_SECONDS, totpCodeForStep, totpStepAt } from "@/lib/auth/two-factor-demo";

const now = Date.now();
const step = totpStepAt(now);
const left = TOTP_PERIOD_SECONDS - Math.floor(now / 1000) % TOTP_PERIOD_SECONDS;
const [current, next] = await Promise.all([totpCodeForStep(DEMO_TOTP_SECRET, step), totpCodeForStep(DEMO_TOTP_SECRET, step + 1)]);
console.log(`${current}  (valid for ${left} s more; next: ${next})`);
console.log(`Demo accounts: ${DEMO_TWO_FACTOR_EMAILS.join(", ")}. Each code works once per account.`);
