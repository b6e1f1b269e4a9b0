import { beginTwoFactor, confirmTwoFactor } from "@/db/platform-two-factor";
import { totpStepAt } from "./two-factor-demo";
import { encryptTotpSecret, generateRecoveryCodes, hashRecoveryCode, newTotpSecret } from "./two-factor";

// For tests only: turns 2FA on for a user straight through the platform functions (as if
// enrolled a minute ago), so a test about something else can act as an admin, who must have 2FA
// (lib/auth/two-factor.ts TWO_FACTOR_REQUIRED_ROLES). Returns the secret and the recovery codes.
export async function enableTwoFactorForTest(userId: string, secret = newTotpSecret()) {
  const ciphertext = encryptTotpSecret(userId, secret);
  if (!(await beginTwoFactor(userId, ciphertext))) throw new Error("enableTwoFactorForTest: 2FA already on or no such user");
  const recoveryCodes = generateRecoveryCodes();
  const step = totpStepAt(Date.now()) - 2;
  const ok = await confirmTwoFactor(userId, {
    secretCiphertext: ciphertext,
    step,
    codeHashes: recoveryCodes.map((c) => hashRecoveryCode(userId, c)),
  });
  if (!ok) throw new Error("enableTwoFactorForTest: confirm failed");
  return { secret, recoveryCodes };
}
