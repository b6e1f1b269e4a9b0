export type Failure<F> = { ok: false; reason: "invalid"; fieldErrors: F } | { ok: false; reason: "not_found" };
