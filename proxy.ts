import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/auth.config";
import { contentSecurityPolicy } from "@/lib/security/headers";

// Runs before every page: sends anonymous visitors to sign-in (an optimisation, not the gate:
// every page, action and handler checks again through requireUser) and sets the per-request
// Content-Security-Policy nonce. Auth.js re-signs the session token here, which is where idle
// and absolute session limits are enforced (lib/auth/auth.config.ts).
const { auth } = NextAuth(authConfig);

// Reachable signed out: sign-in, the password-reset pages, invitation links (/invite/<token> and
// its POST /invite/accept) and the demo's dev mailbox.
const PUBLIC_PATHS = [/^\/sign-in(\/|$)/, /^\/forgot-password(\/|$)/, /^\/reset-password(\/|$)/, /^\/invite(\/|$)/, /^\/dev\/mailbox(\/|$)/];

export default auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (!request.auth?.user && !PUBLIC_PATHS.some((p) => p.test(pathname))) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = "";
    if (pathname !== "/") url.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  // For the permission-denied security event's path (requireUser reads it).
  headers.set("x-pathname", pathname);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
});

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|favicon.svg|robots.txt|.*\\.(?:png|jpg|jpeg|svg|ico|webp|css|js|woff2?)$).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
