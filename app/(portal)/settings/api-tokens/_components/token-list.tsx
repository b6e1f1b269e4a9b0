"use client";

import { CircleAlert, CircleCheck, LoaderCircle, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { type RevokeTokenState, revokeTokenAction } from "../actions";

/** One token, formatted on the server (locale, the company's time zone). */
export type TokenView = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  status: "active" | "expired" | "revoked";
  createdBy: string | null;
  created: string;
  expires: string | null;
  lastUsed: string | null;
};

const initial: RevokeTokenState = { ok: true, message: null };
const STATUS_VARIANT = { active: "success", expired: "warning", revoked: "muted" } as const;

export function TokenList({ tokens, canRevoke }: { tokens: TokenView[]; canRevoke: boolean }) {
  const t = useTranslations("apiTokens");
  const [state, action, pending] = useActionState(revokeTokenAction, initial);
  const [confirming, setConfirming] = useState<string | null>(null);

  if (tokens.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="api-token-empty">
        {t("empty")}
      </p>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      {state.message && (
        <Alert variant={state.ok ? "default" : "destructive"} role="status" data-testid="api-token-message">
          {state.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{t(`messages.${state.message}`)}</AlertDescription>
        </Alert>
      )}
      <Card className="gap-0 py-0">
        <CardContent className="p-0">
          <ul aria-label={t("listLabel")} className="divide-y" data-testid="api-token-list">
            {tokens.map((token) => (
              <li key={token.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between" data-testid="api-token-row" data-prefix={token.prefix}>
                <div className="min-w-0 space-y-1.5">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                    <span data-testid="api-token-row-name">{token.name}</span>
                    <code className="font-mono text-xs text-muted-foreground" data-testid="api-token-row-prefix">
                      {token.prefix}…
                    </code>
                    <Badge variant={STATUS_VARIANT[token.status]} data-testid="api-token-row-status" data-status={token.status}>
                      {t(`status.${token.status}`)}
                    </Badge>
                  </p>
                  <p className="flex flex-wrap gap-1">
                    {token.scopes.map((scope) => (
                      <Badge key={scope} variant="outline" className="font-mono">
                        {scope}
                      </Badge>
                    ))}
                  </p>
                  <dl className="grid gap-x-4 gap-y-0.5 text-xs text-muted-foreground sm:grid-cols-[auto_1fr]">
                    <dt>{t("lastUsed")}</dt>
                    <dd data-testid="api-token-row-last-used">{token.lastUsed ?? t("never")}</dd>
                    <dt>{t("expires")}</dt>
                    <dd>{token.expires ?? t("noExpiry")}</dd>
                    <dt>{t("createdAt")}</dt>
                    <dd>{token.createdBy ? t("createdBy", { date: token.created, name: token.createdBy }) : token.created}</dd>
                  </dl>
                </div>
                {canRevoke && token.status !== "revoked" && (
                  <div className="flex shrink-0 flex-wrap items-center gap-2">
                    {confirming === token.id ? (
                      <form action={action} className="flex flex-wrap items-center gap-2" data-testid="api-token-confirm">
                        <span className="text-xs text-muted-foreground">{t("revokeConfirm")}</span>
                        <input type="hidden" name="tokenId" value={token.id} />
                        <Button type="submit" size="sm" variant="destructive" disabled={pending} data-testid="api-token-revoke-confirm">
                          {pending ? <LoaderCircle className="animate-spin" aria-hidden /> : <Trash2 aria-hidden />}
                          {t("revokeYes")}
                        </Button>
                        <Button type="button" size="sm" variant="outline" onClick={() => setConfirming(null)} data-testid="api-token-revoke-cancel">
                          {t("cancel")}
                        </Button>
                      </form>
                    ) : (
                      <Button type="button" size="sm" variant="outline" onClick={() => setConfirming(token.id)} data-testid="api-token-revoke">
                        <Trash2 aria-hidden />
                        {t("revoke")}
                      </Button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}
