"use client";

import { Check, PlusCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useDataTableUrl } from "@/components/data-table/url-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { cn } from "@/lib/utils";

export type SelectFilterOption = { value: string; label: string };

/**
 * A filter over one URL key that takes one value (the inbox's platform function filters by one
 * provider, status, type and company), in the look of the kit's faceted filter. With `search`, a
 * box narrows long lists; with `acceptCustom`, what is typed there can be used as the value.
 */
export function SelectFilter({
  title,
  paramKey,
  options,
  search,
  acceptCustom,
}: {
  title: string;
  paramKey: string;
  options: SelectFilterOption[];
  search?: { placeholder: string; empty: string; useCustom?: (value: string) => string };
  acceptCustom?: (value: string) => boolean;
}) {
  const t = useTranslations("dataTable.facet");
  const url = useDataTableUrl();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const raw = url.state[paramKey];
  const value = typeof raw === "string" ? raw : null;
  const selected = value === null ? null : (options.find((o) => o.value === value) ?? { value, label: value });

  const needle = query.trim().toLowerCase();
  const shown = needle ? options.filter((o) => o.label.toLowerCase().includes(needle) || o.value.toLowerCase().includes(needle)) : options;
  const custom = acceptCustom && query.trim() && acceptCustom(query.trim()) && !options.some((o) => o.value === query.trim()) ? query.trim() : null;

  const pick = (next: string | null) => {
    url.set({ [paramKey]: next });
    setOpen(false);
    setQuery("");
  };

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm" className="border-dashed" data-testid={`webhooks-filter-${paramKey}`}>
          <PlusCircle />
          {title}
          {selected && (
            <>
              <span className="mx-0.5 h-4 w-px bg-border" aria-hidden />
              <Badge variant="secondary" className="max-w-40 truncate">
                {selected.label}
              </Badge>
            </>
          )}
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-64 p-1" align="start">
        {search && (
          <div className="p-1">
            <Input
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter" && custom) {
                  event.preventDefault();
                  pick(custom);
                }
              }}
              placeholder={search.placeholder}
              aria-label={search.placeholder}
              className="h-8"
              maxLength={100}
              data-testid={`webhooks-filter-${paramKey}-search`}
            />
          </div>
        )}
        <ul className="flex max-h-72 flex-col overflow-y-auto" role="listbox" aria-label={title}>
          {shown.map((option) => (
            <li key={option.value} role="option" aria-selected={option.value === value}>
              <button
                type="button"
                onClick={() => pick(option.value === value ? null : option.value)}
                className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-accent focus-visible:bg-accent focus-visible:outline-none"
                data-testid={`webhooks-filter-${paramKey}-${option.value}`}
              >
                <Check className={cn("size-4 shrink-0", option.value === value ? "opacity-100" : "opacity-0")} aria-hidden />
                <span className="flex-1 truncate">{option.label}</span>
              </button>
            </li>
          ))}
          {custom && search?.useCustom && (
            <li role="option" aria-selected={false}>
              <button
                type="button"
                onClick={() => pick(custom)}
                className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-accent focus-visible:bg-accent focus-visible:outline-none"
                data-testid={`webhooks-filter-${paramKey}-custom`}
              >
                <PlusCircle className="size-4 shrink-0 opacity-60" aria-hidden />
                <span className="flex-1 truncate">{search.useCustom(custom)}</span>
              </button>
            </li>
          )}
          {shown.length === 0 && !custom && <li className="px-2 py-1.5 text-sm text-muted-foreground">{search?.empty}</li>}
        </ul>
        {value !== null && (
          <>
            <div className="-mx-1 my-1 h-px bg-border" />
            <Button variant="ghost" size="sm" className="w-full justify-center" onClick={() => pick(null)}>
              {t("clear")}
            </Button>
          </>
        )}
      </PopoverContent>
    </Popover>
  );
}
