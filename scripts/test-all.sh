#!/usr/bin/env bash
# npm test – everything: lint, typecheck, unit + integration tests (vitest, on PGlite or on the
# server named by TEST_DATABASE_URL), the production build and the Playwright suite.
# Ends with one line "N passed, N failed" over all suites (lint and typecheck count as one each).
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
rm -rf test-results && mkdir -p test-results
passed=0
failed=0
status=0

count_check() { # name, exit code
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "== $1: ok"; else failed=$((failed + 1)); status=1; echo "== $1: FAILED"; fi
}
add_vitest() { # summary file, exit code
  if [ -f "$1" ]; then
    read -r p f < <(node -e 'const s=require(require("path").resolve(process.argv[1]));console.log(s.passed,s.failed)' "$1")
    passed=$((passed + p)); failed=$((failed + f))
    [ "$f" -gt 0 ] && status=1
  fi
  if [ "$2" -ne 0 ]; then status=1; [ -f "$1" ] || failed=$((failed + 1)); fi
}

echo "== lint"; npx eslint . --max-warnings 0; count_check lint $?
echo "== typecheck"; npx tsc --noEmit; count_check typecheck $?

if [ -n "${TEST_DATABASE_URL:-}" ]; then where="PostgreSQL server"; else where="embedded PGlite"; fi
echo "== unit + integration tests ($where)"
VITEST_SUMMARY_FILE=test-results/vitest.json npx vitest run; add_vitest test-results/vitest.json $?

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  # The tenancy guarantees must hold on both databases: run the database suite on PGlite too.
  echo "== database tests again on embedded PGlite"
  env -u TEST_DATABASE_URL VITEST_SUMMARY_FILE=test-results/vitest-pglite.json npx vitest run db/
  add_vitest test-results/vitest-pglite.json $?
fi

echo "== build"
if npx next build; then
  echo "== e2e (Playwright, chromium at ${CHROMIUM_PATH:-/usr/bin/chromium})"
  npx playwright test; e2e=$?
  if [ -f test-results/playwright.json ]; then
    read -r p f < <(node -e 'const s=require(require("path").resolve(process.argv[1])).stats;console.log(s.expected+s.flaky,s.unexpected)' test-results/playwright.json)
    passed=$((passed + p)); failed=$((failed + f))
  elif [ $e2e -ne 0 ]; then failed=$((failed + 1)); fi
  [ $e2e -ne 0 ] && status=1
else
  count_check build 1
fi

echo
# Name what failed right above the total, so the tail of a CI log is enough to know what broke.
for f in test-results/vitest.json test-results/vitest-pglite.json; do
  [ -f "$f" ] && node -e 'for (const x of require(require("path").resolve(process.argv[1])).failures ?? []) console.log("FAILED (vitest) " + x)' "$f"
done
if [ -f test-results/playwright.json ]; then
  node -e '
    const walk = (suite, out) => { for (const s of suite.suites ?? []) walk(s, out); for (const spec of suite.specs ?? []) if (!spec.ok) out.push(spec.file + ":" + spec.line + " › " + spec.title); return out; };
    const report = require(require("path").resolve(process.argv[1]));
    for (const x of (report.suites ?? []).flatMap((s) => walk(s, []))) console.log("FAILED (e2e) " + x);
  ' test-results/playwright.json
fi
echo "$passed passed, $failed failed"
exit $status
