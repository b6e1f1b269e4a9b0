#!/usr/bin/env bash
# The server Playwright starts: a fresh embedded database, migrated and seeded, then the
# production build (`npm run build` must have run). Never a remote database.
set -euo pipefail
cd "$(dirname "$0")/.."
unset DATABASE_URL MIGRATION_DATABASE_URL PGLITE_TEMPLATE
suffix=""; [ "${PORT:-3100}" = 3100 ] || suffix="-$PORT"
export PGLITE_DIR=.data/e2e-pglite$suffix
export MAILBOX_DIR=.data/e2e-mailbox$suffix
export AUTH_SECRET=${E2E_AUTH_SECRET:-e2e-secret-0123456789abcdef0123456789abcdef}
export INNGEST_DEV=1
export NEXT_TELEMETRY_DISABLED=1
rm -rf "$PGLITE_DIR" "$MAILBOX_DIR"
node_modules/.bin/tsx --conditions react-server scripts/migrate.ts
node_modules/.bin/tsx --conditions react-server scripts/seed.ts
exec node node_modules/next/dist/bin/next start -p "${PORT:-3100}"
