// The normalized forms a blind index is computed from (and the E.164 check the database can no
// longer make on ciphertext). Equivalent spellings must normalize to the same text.

/** E.164: "+", a country code not starting with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9][0-9]{6,14}$/;

/**
 * A phone number as E.164, or null if it is not one. Spaces, dashes, dots, slashes and
 * parentheses are dropped; "00" becomes "+"; a national German number ("030 …", "0151 …") gets
 * +49, and "+49 (0) 30 …" loses its trunk zero. Other countries must be written with their code.
 */
export function normalizePhone(input: string): string | null {
  let value = input.trim().replace(/[\s\-./()]/g, "");
  if (value.startsWith("00")) value = `+${value.slice(2)}`;
  else if (value.startsWith("0")) value = `+49${value.slice(1)}`;
  if (value.startsWith("+490")) value = `+49${value.slice(4)}`;
  return E164_PATTERN.test(value) ? value : null;
}

/** Emails compare trimmed and lower-case (the local part too: no provider treats case as distinct in practice). */
export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}
