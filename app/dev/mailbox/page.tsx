import { Inbox, RefreshCw } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { isDevMailboxEnabled } from "@/lib/mail/config";
import { listMailbox } from "@/lib/mail/mailbox";
import { formatSentAt, recipientFilter, withFilter } from "./_components/format";
import { MailboxShell } from "./_components/mailbox-shell";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mailbox");
  return { title: t("title"), robots: { index: false, follow: false } };
}

// GET /dev/mailbox – the embedded demo's stand-in for an inbox.
// Deliberately public (no requireUser, and proxy.ts lets it through): the person resetting a
// password is signed out and must still reach the link. It exists only while mail is not really
// sent — no SMTP_URL and no DATABASE_URL; in any deployment it is a 404.
export default async function MailboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  if (!isDevMailboxEnabled()) notFound();
  const to = recipientFilter((await searchParams).to);
  const [t, locale, messages] = await Promise.all([getTranslations("mailbox"), getLocale(), listMailbox({ to })]);

  return (
    <MailboxShell>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button variant="outline" size="sm" asChild>
            <Link href={withFilter("/dev/mailbox", to)} prefetch={false}>
              <RefreshCw />
              {t("refresh")}
            </Link>
          </Button>
        }
      />

      <form method="get" action="/dev/mailbox" className="flex flex-wrap items-end gap-2" role="search">
        <div className="grid w-full max-w-xs gap-1.5">
          <Label htmlFor="mailbox-to">{t("filter.label")}</Label>
          <Input
            id="mailbox-to"
            name="to"
            type="search"
            inputMode="email"
            autoComplete="off"
            defaultValue={to ?? ""}
            placeholder={t("filter.placeholder")}
            data-testid="mailbox-filter"
            className="bg-background"
          />
        </div>
        <Button type="submit" variant="secondary">
          {t("filter.submit")}
        </Button>
        {to && (
          <Button variant="ghost" asChild>
            <Link href="/dev/mailbox">{t("filter.clear")}</Link>
          </Button>
        )}
      </form>

      <div className="flex flex-col gap-2" data-testid="mailbox-list">
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {to ? t("countTo", { count: messages.length, to }) : t("count", { count: messages.length })}
        </p>
        {messages.length === 0 ? (
          <Card className="items-center gap-2 px-6 py-12 text-center">
            <div className="mb-2 flex size-11 items-center justify-center rounded-full bg-primary/10 text-primary">
              <Inbox className="size-5" />
            </div>
            <p className="font-medium">{to ? t("emptyFiltered.title") : t("empty.title")}</p>
            <p className="max-w-md text-sm text-pretty text-muted-foreground">
              {to ? t("emptyFiltered.description") : t("empty.description")}
            </p>
          </Card>
        ) : (
          <Card className="gap-0 overflow-hidden py-0">
            <ul className="divide-y">
              {messages.map((message) => (
                <li key={message.id} data-testid="mailbox-item">
                  <Link
                    href={withFilter(`/dev/mailbox/${message.id}`, to)}
                    className="grid gap-1 px-5 py-3.5 outline-none transition-colors hover:bg-accent/60 focus-visible:bg-accent sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto] sm:items-center sm:gap-4"
                  >
                    <span className="truncate text-sm font-medium" data-testid="mailbox-item-to">
                      {message.to}
                    </span>
                    <span className="flex min-w-0 items-center gap-2">
                      <span className="truncate text-sm" data-testid="mailbox-item-subject">
                        {message.subject}
                      </span>
                      <Badge variant="muted" className="hidden font-normal md:inline-flex">
                        {t(`template.${message.template}`)}
                      </Badge>
                      <Badge variant="outline" className="font-normal uppercase">
                        {message.locale}
                      </Badge>
                    </span>
                    <time
                      dateTime={message.createdAt.toISOString()}
                      className="text-xs text-muted-foreground tabular-nums sm:text-right"
                    >
                      {formatSentAt(message.createdAt, locale)}
                    </time>
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
    </MailboxShell>
  );
}
