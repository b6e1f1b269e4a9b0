import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { apiContentSecurityPolicy, staticSecurityHeaders } from "./lib/security/headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig = {
  // PGlite loads its wasm through a file URL that Turbopack cannot bundle (stack-notes pitfall 4);
  // argon2 is a native addon.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  // Lets a second build or dev server run beside the usual one (e.g. the e2e build).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }] },
    ];
  },
  experimental: {
    // forbidden() / unauthorized() from next/navigation, used by requireUser.
    authInterrupts: true,
  },
} satisfies NextConfig;

export default withNextIntl(nextConfig);
