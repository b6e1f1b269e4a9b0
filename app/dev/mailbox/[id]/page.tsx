import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { isDevMailboxEnabled } from "@/lib/mail/config";
import { readMailboxMessage } from "@/lib/mail/mailbox";
import { formatSentAt, recipientFilter, withFilter } from "../_components/format";
import { LinkifiedText } from "../_components/linkified-text";
import { MailboxShell } from "../_components/mailbox-shell";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mailbox");
  return { title: t("title"), robots: { index: false, follow: false } };
}

// GET /dev/mailbox/:id – one stored message. Public for the same reason as the list (see
// ../page.tsx) and only in the embedded demo. The id is checked by readMailboxMessage (a strict
// pattern, never a path), so a crafted id is simply a 404.
export default async function MailboxMessagePage({ params, searchParams }: Props) {
  await connection();
  if (!isDevMailboxEnabled()) notFound();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const message = await readMailboxMessage(id);
  if (!message) notFound();
  const to = recipientFilter(query.to);
  const [t, locale] = await Promise.all([getTranslations("mailbox"), getLocale()]);

  const meta = [
    { key: "from", value: message.from },
    { key: "to", value: message.to },
    { key: "sentAt", value: formatSentAt(message.createdAt, locale) },
    { key: "template", value: t(`template.${message.template}`) },
    { key: "language", value: t(`locale.${message.locale}`) },
  ] as const;

  return (
    <MailboxShell>
      <div>
        <Button variant="ghost" size="sm" asChild className="-ml-2">
          <Link href={withFilter("/dev/mailbox", to)}>
            <ArrowLeft />
            {t("message.back")}
          </Link>
        </Button>
      </div>

      <article className="flex flex-col gap-6" data-testid="mailbox-message">
        <header className="space-y-4">
          <h1 data-testid="page-title" className="text-2xl font-semibold tracking-tight text-balance">
            {message.subject}
          </h1>
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 rounded-lg border bg-card px-4 py-3 text-sm sm:gap-x-6">
            {meta.map(({ key, value }) => (
              <div key={key} className="contents">
                <dt className="text-muted-foreground">{t(`message.${key}`)}</dt>
                <dd className="min-w-0 font-medium break-words" data-testid={`mailbox-meta-${key}`}>
                  {key === "template" ? <Badge variant="muted">{value}</Badge> : value}
                </dd>
              </div>
            ))}
          </dl>
        </header>

        <div className="grid items-start gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>{t("message.text")}</h2>
              </CardTitle>
              <CardDescription>{t("message.textHint")}</CardDescription>
            </CardHeader>
            <CardContent>
              <LinkifiedText text={message.text} />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>
                <h2>{t("message.html")}</h2>
              </CardTitle>
              <CardDescription>{t("message.htmlHint")}</CardDescription>
            </CardHeader>
            <CardContent>
              {/* sandbox="" (no allow-* tokens): no scripts, no forms, no popups, a unique origin.
                  The HTML is ours and escaped, but a preview should not trust mail. */}
              <iframe
                sandbox=""
                srcDoc={message.html}
                title={t("message.frameTitle")}
                referrerPolicy="no-referrer"
                data-testid="mailbox-html"
                className="h-[38rem] w-full rounded-md border bg-white"
              />
            </CardContent>
          </Card>
        </div>
      </article>
    </MailboxShell>
  );
}
