"use client";

import { CalendarRange, Hash } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { intlLocale } from "@/lib/i18n/config";
import { useDataTableUrl } from "./url-state";

type RangeValue = string | number | null;

/**
 * A from/to filter over two URL keys: calendar days ("YYYY-MM-DD", parsed by parseAsDay) or
 * numbers (parseAsInteger/parseAsFloat). Either end may stay open.
 */
export function DataTableRangeFilter({ title, type, fromKey, toKey }: { title: string; type: "date" | "number"; fromKey: string; toKey: string }) {
  const t = useTranslations("dataTable.range");
  const locale = useLocale();
  const url = useDataTableUrl();
  const from = (url.state[fromKey] ?? null) as RangeValue;
  const to = (url.state[toKey] ?? null) as RangeValue;
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState({ from: "", to: "" });
  const active = from !== null || to !== null;

  const show = (value: RangeValue) => {
    if (value === null) return "…";
    if (type === "number") return new Intl.NumberFormat(intlLocale(locale)).format(Number(value));
    return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${value}T00:00:00Z`));
  };
  const parse = (text: string): RangeValue => (text === "" ? null : type === "number" ? (Number.isFinite(Number(text)) ? Number(text) : null) : text);
  const draftFrom = parse(draft.from);
  const draftTo = parse(draft.to);
  const invalid = draftFrom !== null && draftTo !== null && draftFrom > draftTo;

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        if (next) setDraft({ from: from === null ? "" : String(from), to: to === null ? "" : String(to) });
        setOpen(next);
      }}
    >
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm" className="border-dashed" data-testid={`data-table-range-${fromKey}`}>
          {type === "date" ? <CalendarRange /> : <Hash />}
          {title}
          {active && (
            <>
              <span className="mx-0.5 h-4 w-px bg-border" aria-hidden />
              <Badge variant="secondary" className="font-normal tabular-nums">
                {show(from)} – {show(to)}
              </Badge>
            </>
          )}
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-72">
        <form
          className="flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            if (invalid) return;
            url.set({ [fromKey]: draftFrom, [toKey]: draftTo });
            setOpen(false);
          }}
        >
          <p className="text-sm font-medium">{title}</p>
          <div className="grid grid-cols-2 gap-2">
            <div className="space-y-1">
              <Label htmlFor={`${fromKey}-input`} className="text-xs">
                {t("from")}
              </Label>
              <Input id={`${fromKey}-input`} type={type} value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} data-testid={`data-table-range-${fromKey}-from`} />
            </div>
            <div className="space-y-1">
              <Label htmlFor={`${toKey}-input`} className="text-xs">
                {t("to")}
              </Label>
              <Input id={`${toKey}-input`} type={type} value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} data-testid={`data-table-range-${fromKey}-to`} />
            </div>
          </div>
          {invalid && <p className="text-xs text-destructive">{t("invalid")}</p>}
          <div className="flex justify-end gap-2">
            {active && (
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => {
                  url.set({ [fromKey]: null, [toKey]: null });
                  setOpen(false);
                }}
              >
                {t("clear")}
              </Button>
            )}
            <Button type="submit" size="sm" disabled={invalid} data-testid={`data-table-range-${fromKey}-apply`}>
              {t("apply")}
            </Button>
          </div>
        </form>
      </PopoverContent>
    </Popover>
  );
}
