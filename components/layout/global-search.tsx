"use client";

import { CalendarDays, Contact, Loader2, Scissors, Search, Users } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useState, useSyncExternalStore } from "react";
import type * as React from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { intlLocale } from "@/lib/i18n/config";
import {
  type AppointmentHit,
  SEARCH_GROUPS,
  SEARCH_MAX_LENGTH,
  SEARCH_MIN_LENGTH,
  type SearchGroup,
  searchHitHref,
  type SearchResults,
} from "@/lib/search/types";
import { cn } from "@/lib/utils";

// The search palette of the top bar: a button, Ctrl+K / ⌘K anywhere, "/" outside text fields.
// Typing asks GET /api/search (lib/search) 200 ms after the last key; a newer query aborts the
// request of an older one, and results are shown only for the query they answer. Arrow keys move
// through the hits of all groups, Enter opens one, Esc closes (Radix Dialog).

const DEBOUNCE_MS = 200;

const groupIcons = { customers: Contact, appointments: CalendarDays, staff: Users, services: Scissors } as const;

const statusVariant = {
  pending: "warning",
  booked: "secondary",
  confirmed: "success",
  completed: "muted",
  no_show: "destructive",
  cancelled: "destructive",
} as const satisfies Record<AppointmentHit["status"], "warning" | "secondary" | "success" | "muted" | "destructive">;

/** Apple keyboards say ⌘; read after hydration (the server renders "Ctrl"). */
function useIsApple(): boolean {
  return useSyncExternalStore(
    () => () => {},
    () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent),
    () => false,
  );
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !["button", "checkbox", "radio", "submit", "reset", "file", "range", "color"].includes(target.type);
  return target.getAttribute("role") === "textbox" || target.getAttribute("role") === "combobox";
}

export function GlobalSearch() {
  const t = useTranslations("search");
  const [open, setOpen] = useState(false);
  const apple = useIsApple();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey) && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        setOpen((was) => !was);
      } else if (event.key === "/" && !event.metaKey && !event.ctrlKey && !event.altKey && !isTextField(event.target)) {
        event.preventDefault();
        setOpen(true);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  const shortcut = apple ? "⌘K" : `${t("ctrlKey")} K`;
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        onClick={() => setOpen(true)}
        data-testid="global-search-trigger"
        aria-label={t("triggerLabel")}
        aria-keyshortcuts={apple ? "Meta+K" : "Control+K"}
        aria-haspopup="dialog"
        className="h-8 gap-2 px-2 font-normal text-muted-foreground md:w-44 md:justify-start lg:w-56"
      >
        <Search className="size-4" />
        <span className="hidden md:inline">{t("trigger")}</span>
        <kbd className="pointer-events-none ml-auto hidden rounded border bg-muted px-1.5 font-sans text-[11px] leading-5 font-medium md:inline">
          {shortcut}
        </kbd>
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent
          data-testid="global-search"
          className="top-[12vh] flex max-h-[min(36rem,80vh)] max-w-xl translate-y-0 flex-col gap-0 overflow-hidden p-0"
        >
          <DialogTitle className="sr-only">{t("title")}</DialogTitle>
          <DialogDescription className="sr-only">{t("description")}</DialogDescription>
          {/* Rendered only while open: closing forgets the query. */}
          <SearchPalette close={() => setOpen(false)} />
        </DialogContent>
      </Dialog>
    </>
  );
}

type Answer =
  | { query: string; status: "done"; results: SearchResults }
  | { query: string; status: "error" | "invalid" };

type Hit = { group: SearchGroup; id: string; href: string };

function SearchPalette({ close }: { close: () => void }) {
  const t = useTranslations("search");
  const router = useRouter();
  const baseId = useId();
  const [query, setQuery] = useState("");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [active, setActive] = useState(0);

  const trimmed = query.trim();
  const tooShort = [...trimmed].length < SEARCH_MIN_LENGTH;

  useEffect(() => {
    if (tooShort) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/search?q=${encodeURIComponent(trimmed)}`, {
          signal: controller.signal,
          headers: { accept: "application/json" },
        });
        if (response.status === 400) return setAnswer({ query: trimmed, status: "invalid" });
        if (!response.ok) return setAnswer({ query: trimmed, status: "error" });
        const body = (await response.json()) as SearchResults;
        setAnswer({ query: trimmed, status: "done", results: body });
        setActive(0);
      } catch {
        if (!controller.signal.aborted) setAnswer({ query: trimmed, status: "error" });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [trimmed, tooShort]);

  // The last answer stays on screen (dimmed) while the next one is on its way.
  const loading = !tooShort && answer?.query !== trimmed;
  const results = !tooShort && answer?.status === "done" ? answer.results : null;
  const hits = useMemo<Hit[]>(
    () => (results ? SEARCH_GROUPS.flatMap((group) => results[group].map(({ id }) => ({ group, id, href: searchHitHref(group, id) }))) : []),
    [results],
  );
  const current = hits.length ? Math.min(active, hits.length - 1) : -1;
  const optionId = (index: number) => `${baseId}-option-${index}`;
  const listId = `${baseId}-list`;

  useEffect(() => {
    if (current >= 0) document.getElementById(optionId(current))?.scrollIntoView({ block: "nearest" });
    // optionId is derived from baseId, which never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);

  function open(hit: Hit | undefined) {
    if (!hit) return;
    close();
    router.push(hit.href);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!hits.length) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current + step + hits.length) % hits.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      open(hits[current]);
    }
  }

  let status: string | null = null;
  if (tooShort) status = trimmed ? t("tooShort", { min: SEARCH_MIN_LENGTH }) : null;
  else if (answer?.status === "error") status = t("error");
  else if (answer?.status === "invalid") status = t("invalid", { max: SEARCH_MAX_LENGTH });
  else if (results && hits.length === 0 && !loading) status = t("empty", { query: trimmed });
  else if (!results && loading) status = t("loading");

  let index = 0;
  return (
    <>
      <div className="flex items-center gap-2 border-b px-4 pr-12">
        {loading ? (
          <Loader2 className="size-4 shrink-0 animate-spin text-muted-foreground" data-testid="global-search-loading" />
        ) : (
          <Search className="size-4 shrink-0 text-muted-foreground" />
        )}
        <input
          autoFocus
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder={t("placeholder")}
          aria-label={t("inputLabel")}
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={current >= 0 ? optionId(current) : undefined}
          autoComplete="off"
          spellCheck={false}
          data-testid="global-search-input"
          className="h-12 w-full min-w-0 bg-transparent text-base outline-none placeholder:text-muted-foreground md:text-sm"
        />
      </div>
      <div
        id={listId}
        role="listbox"
        aria-label={t("title")}
        aria-busy={loading}
        className={cn("min-h-0 flex-1 overflow-y-auto p-2 transition-opacity", loading && results && "opacity-60", !hits.length && "hidden")}
        data-testid="global-search-results"
      >
        {results
          ? SEARCH_GROUPS.map((group) => {
              if (!results[group].length) return null;
              const Icon = groupIcons[group];
              const headingId = `${baseId}-${group}`;
              return (
                <div key={group} role="group" aria-labelledby={headingId} data-testid={`global-search-group-${group}`} className="pb-1">
                  <div id={headingId} className="px-2 pt-2 pb-1 text-xs font-medium text-muted-foreground">
                    {t(`groups.${group}`)}
                  </div>
                  {results[group].map((item) => {
                    const position = index++;
                    const selected = position === current;
                    return (
                      <Link
                        key={item.id}
                        id={optionId(position)}
                        href={searchHitHref(group, item.id)}
                        role="option"
                        aria-selected={selected}
                        tabIndex={-1}
                        onClick={close}
                        onMouseMove={() => position !== current && setActive(position)}
                        data-testid="global-search-hit"
                        data-group={group}
                        className={cn(
                          "flex items-center gap-3 rounded-md px-2 py-2 text-sm outline-none",
                          selected && "bg-accent text-accent-foreground",
                        )}
                      >
                        <Icon className="size-4 shrink-0 text-muted-foreground" />
                        <HitText group={group} item={item} />
                      </Link>
                    );
                  })}
                </div>
              );
            })
          : null}
      </div>
      <p
        role="status"
        aria-live="polite"
        className={cn("px-4 py-6 text-center text-sm text-muted-foreground", !status && "sr-only")}
        data-testid="global-search-status"
      >
        {status ?? (results && !loading ? t("results", { count: hits.length }) : "")}
      </p>
      <div className="hidden items-center gap-4 border-t px-4 py-2 text-xs text-muted-foreground sm:flex">
        <KeyHint keys={["↑", "↓"]} label={t("hints.navigate")} />
        <KeyHint keys={["↵"]} label={t("hints.open")} />
        <KeyHint keys={["Esc"]} label={t("hints.close")} />
      </div>
    </>
  );
}

function KeyHint({ keys, label }: { keys: string[]; label: string }) {
  return (
    <span className="inline-flex items-center gap-1">
      {keys.map((key) => (
        <kbd key={key} className="rounded border bg-muted px-1.5 font-sans text-[11px] leading-5">
          {key}
        </kbd>
      ))}
      <span className="ml-0.5">{label}</span>
    </span>
  );
}

type AnyHit = SearchResults[SearchGroup][number];

function HitText({ group, item }: { group: SearchGroup; item: AnyHit }) {
  const t = useTranslations("search");
  const tStatus = useTranslations("appointmentStatus");
  const locale = intlLocale(useLocale());
  let title: string;
  let detail: string | null = null;
  let badge: React.ReactNode = null;
  if (group === "customers") {
    const hit = item as SearchResults["customers"][number];
    title = `${hit.firstName} ${hit.lastName}`.trim();
    detail = hit.phone ?? t("noPhone");
  } else if (group === "appointments") {
    const hit = item as AppointmentHit;
    const when = new Intl.DateTimeFormat(locale, {
      timeZone: hit.branchTimeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    }).format(new Date(hit.startsAt));
    title = `${hit.customerName} · ${hit.serviceName}`;
    detail = `${when} · ${hit.staffName ?? t("noStaff")}`;
    badge = <Badge variant={statusVariant[hit.status]}>{tStatus(hit.status)}</Badge>;
  } else if (group === "staff") {
    const hit = item as SearchResults["staff"][number];
    title = hit.displayName;
    detail = hit.fullName !== hit.displayName ? hit.fullName : null;
    badge = hit.isActive ? null : <Badge variant="muted">{t("inactive")}</Badge>;
  } else {
    const hit = item as SearchResults["services"][number];
    const price = new Intl.NumberFormat(locale, { style: "currency", currency: hit.currency }).format(hit.priceCents / 100);
    title = hit.name;
    detail = `${t("minutes", { minutes: hit.durationMinutes })} · ${price}`;
    badge = hit.isActive ? null : <Badge variant="muted">{t("inactive")}</Badge>;
  }
  return (
    <>
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium" data-testid="global-search-hit-title">
          {title}
        </span>
        {detail ? <span className="block truncate text-xs text-muted-foreground">{detail}</span> : null}
      </span>
      {badge}
    </>
  );
}
