"use client";

import { PlusCircle } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { intlLocale } from "@/lib/i18n/config";
import { useDataTableUrl } from "./url-state";

export type FacetOption = { value: string; label: string; /** Matches with this value (under the other filters), if the page counted them. */ count?: number | null };

/** A multi-select filter over one URL key (an array parser), with counts when the page has them. */
export function DataTableFacetedFilter({ title, paramKey, options }: { title: string; paramKey: string; options: FacetOption[] }) {
  const t = useTranslations("dataTable.facet");
  const locale = useLocale();
  const url = useDataTableUrl();
  const number = new Intl.NumberFormat(intlLocale(locale));
  const raw = url.state[paramKey];
  const selected = new Set(Array.isArray(raw) ? (raw as string[]) : []);
  const toggle = (value: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(value);
    else next.delete(value);
    url.set({ [paramKey]: next.size > 0 ? options.map((o) => o.value).filter((v) => next.has(v)) : null });
  };

  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm" className="border-dashed" data-testid={`data-table-facet-${paramKey}`}>
          <PlusCircle />
          {title}
          {selected.size > 0 && (
            <>
              <span className="mx-0.5 h-4 w-px bg-border" aria-hidden />
              {selected.size > 2 ? (
                <Badge variant="secondary">{t("selected", { count: selected.size })}</Badge>
              ) : (
                options
                  .filter((o) => selected.has(o.value))
                  .map((o) => (
                    <Badge key={o.value} variant="secondary">
                      {o.label}
                    </Badge>
                  ))
              )}
            </>
          )}
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-56 p-1">
        <ul className="flex flex-col" role="group" aria-label={title}>
          {options.map((option) => {
            const id = `facet-${paramKey}-${option.value}`;
            return (
              <li key={option.value}>
                <label htmlFor={id} className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-accent">
                  <Checkbox
                    id={id}
                    checked={selected.has(option.value)}
                    onCheckedChange={(value) => toggle(option.value, value === true)}
                    data-testid={`data-table-facet-option-${option.value}`}
                  />
                  <span className="flex-1">{option.label}</span>
                  {option.count !== undefined && (
                    <span className="font-mono text-xs text-muted-foreground tabular-nums">{option.count === null ? t("countCapped") : number.format(option.count)}</span>
                  )}
                </label>
              </li>
            );
          })}
        </ul>
        {selected.size > 0 && (
          <>
            <div className="-mx-1 my-1 h-px bg-border" />
            <Button variant="ghost" size="sm" className="w-full justify-center" onClick={() => url.set({ [paramKey]: null })}>
              {t("clear")}
            </Button>
          </>
        )}
      </PopoverContent>
    </Popover>
  );
}
