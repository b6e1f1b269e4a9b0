"use client";

import { CircleAlert, CircleCheck, Download, GitMerge, LoaderCircle, RotateCcw, Search, ShieldX, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useActionState, useState, useTransition } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { MergeCandidate } from "@/lib/customers/history";
import { type CustomerActionState, deleteCustomerAction, eraseCustomerAction, mergeCustomersAction, searchMergeCandidatesAction } from "../../actions";

const initial: CustomerActionState = { ok: true, message: null };

type Props = {
  customer: { id: string; name: string; phone: string | null };
  state: { deleted: boolean; erased: boolean; merged: boolean };
  may: { merge: boolean; gdpr: boolean; delete: boolean };
};

/** The customer's actions: merge a duplicate, GDPR export and erasure, delete or restore. */
export function CustomerActions({ customer, state, may }: Props) {
  const t = useTranslations("customerDetail");
  const [deleteState, deleteAction, deleting] = useActionState(deleteCustomerAction, initial);
  const [mergeState, setMergeState] = useState<CustomerActionState>(initial);
  const [eraseState, setEraseState] = useState<CustomerActionState>(initial);
  // The newest answer of any of the actions is the one shown.
  const latest = [deleteState, mergeState, eraseState].filter((s) => s.message).sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0];

  return (
    <div className="flex flex-col gap-3">
      {latest && (
        <Alert variant={latest.ok ? "default" : "destructive"} role="status" data-testid="customer-message">
          {latest.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{t(`messages.${latest.message}` as "messages.merged")}</AlertDescription>
        </Alert>
      )}
      <div className="flex flex-wrap gap-2" data-testid="customer-actions">
        {may.merge && !state.erased && !state.deleted && <MergeDialog customer={customer} onDone={setMergeState} />}
        {may.gdpr && (
          <Button variant="outline" asChild>
            <a href={`/customers/${customer.id}/export.json`} download data-testid="customer-export">
              <Download />
              {t("actions.export")}
            </a>
          </Button>
        )}
        {may.delete && !state.merged && (
          <form action={deleteAction}>
            <input type="hidden" name="id" value={customer.id} />
            <input type="hidden" name="mode" value={state.deleted ? "restore" : "delete"} />
            <Button type="submit" variant="outline" disabled={deleting} data-testid={state.deleted ? "customer-restore" : "customer-delete"}>
              {deleting ? <LoaderCircle className="animate-spin" /> : state.deleted ? <RotateCcw /> : <Trash2 />}
              {state.deleted ? t("actions.restore") : t("actions.delete")}
            </Button>
          </form>
        )}
        {may.gdpr && !state.erased && <EraseDialog customer={customer} onDone={setEraseState} />}
      </div>
    </div>
  );
}

function MergeDialog({ customer, onDone }: { customer: Props["customer"]; onDone: (state: CustomerActionState) => void }) {
  const t = useTranslations("customerDetail.merge");
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [candidates, setCandidates] = useState<MergeCandidate[] | null>(null);
  const [picked, setPicked] = useState<MergeCandidate | null>(null);
  const [searching, startSearch] = useTransition();
  const [state, action, merging] = useActionState(async (previous: CustomerActionState, formData: FormData) => {
    const next = await mergeCustomersAction(previous, formData);
    if (next.ok) {
      onDone(next);
      setOpen(false);
    }
    return next;
  }, initial);

  const reset = (value: boolean) => {
    setOpen(value);
    if (!value) {
      setQ("");
      setCandidates(null);
      setPicked(null);
    }
  };
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startSearch(async () => setCandidates(await searchMergeCandidatesAction(customer.id, q)));
  };

  return (
    <Dialog open={open} onOpenChange={reset}>
      <Button variant="outline" onClick={() => reset(true)} data-testid="customer-merge">
        <GitMerge />
        {t("open")}
      </Button>
      <DialogContent data-testid="customer-merge-dialog">
        <DialogHeader>
          <DialogTitle>{picked ? t("confirmTitle") : t("title")}</DialogTitle>
          <DialogDescription>{picked ? t("confirmText", { keep: customer.name, duplicate: picked.name }) : t("description", { name: customer.name })}</DialogDescription>
        </DialogHeader>
        {!picked ? (
          <>
            <form onSubmit={search} className="flex gap-2" role="search">
              <Input
                value={q}
                onChange={(e) => setQ(e.target.value)}
                placeholder={t("searchPlaceholder")}
                aria-label={t("searchPlaceholder")}
                maxLength={200}
                autoFocus
                data-testid="customer-merge-search"
              />
              <Button type="submit" variant="secondary" disabled={searching || q.trim() === ""} data-testid="customer-merge-search-submit">
                {searching ? <LoaderCircle className="animate-spin" /> : <Search />}
                {t("search")}
              </Button>
            </form>
            {candidates !== null &&
              (candidates.length === 0 ? (
                <p className="text-sm text-muted-foreground" data-testid="customer-merge-none">
                  {t("none")}
                </p>
              ) : (
                <ul className="max-h-72 divide-y overflow-y-auto rounded-md border" data-testid="customer-merge-candidates">
                  {candidates.map((c) => (
                    <li key={c.id} className="flex items-center gap-3 px-3 py-2 text-sm">
                      <span className="min-w-0 flex-1">
                        <span className="block truncate font-medium">{c.name}</span>
                        <span className="block truncate text-xs text-muted-foreground">{[c.phone, c.email].filter(Boolean).join(" · ") || "—"}</span>
                      </span>
                      <Button size="sm" variant="outline" onClick={() => setPicked(c)} data-testid="customer-merge-pick" data-candidate-id={c.id}>
                        {t("pick")}
                      </Button>
                    </li>
                  ))}
                </ul>
              ))}
          </>
        ) : (
          <form action={action} className="flex flex-col gap-4">
            <input type="hidden" name="keepId" value={customer.id} />
            <input type="hidden" name="duplicateId" value={picked.id} />
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border p-3 text-sm">
              <dt className="text-muted-foreground">{t("keep")}</dt>
              <dd className="font-medium" data-testid="customer-merge-keep">{customer.name}</dd>
              <dt className="text-muted-foreground">{t("duplicate")}</dt>
              <dd className="font-medium" data-testid="customer-merge-duplicate">{picked.name}</dd>
            </dl>
            {!state.ok && state.message && (
              <p className="text-sm text-destructive" role="alert">
                {t(`errors.${state.message}` as "errors.not_found")}
              </p>
            )}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setPicked(null)} data-testid="customer-merge-back">
                {t("back")}
              </Button>
              <Button type="submit" disabled={merging} data-testid="customer-merge-confirm">
                {merging && <LoaderCircle className="animate-spin" />}
                {t("confirm")}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

function EraseDialog({ customer, onDone }: { customer: Props["customer"]; onDone: (state: CustomerActionState) => void }) {
  const t = useTranslations("customerDetail.erase");
  const tForms = useTranslations("forms");
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [state, action, erasing] = useActionState(async (previous: CustomerActionState, formData: FormData) => {
    const next = await eraseCustomerAction(previous, formData);
    if (next.ok) {
      onDone(next);
      setOpen(false);
    }
    return next;
  }, initial);
  const normalize = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
  const matches = normalize(typed) === normalize(customer.name);

  return (
    <Dialog
      open={open}
      onOpenChange={(value) => {
        setOpen(value);
        if (!value) setTyped("");
      }}
    >
      <Button variant="destructive" onClick={() => setOpen(true)} data-testid="customer-erase">
        <ShieldX />
        {t("open")}
      </Button>
      <DialogContent data-testid="customer-erase-dialog">
        <DialogHeader>
          <DialogTitle>{t("title", { name: customer.name })}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
        </DialogHeader>
        <ul className="list-disc space-y-1 pl-5 text-sm">
          <li>{t("removes")}</li>
          <li>{t("keeps")}</li>
          <li>{t("final")}</li>
        </ul>
        <form action={action} className="flex flex-col gap-4">
          <input type="hidden" name="id" value={customer.id} />
          <FormField
            id="customer-erase-confirmation"
            label={<span className="block leading-snug">{t.rich("typeName", { name: customer.name, strong: (chunks) => <strong className="font-semibold">{chunks}</strong> })}</span>}
            error={!state.ok && state.message ? t(`errors.${state.message}` as "errors.confirmation") : null}
          >
            <Input
              id="customer-erase-confirmation"
              name="confirmation"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              data-testid="customer-erase-confirmation"
            />
          </FormField>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                {tForms("cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" disabled={!matches || erasing} data-testid="customer-erase-confirm">
              {erasing && <LoaderCircle className="animate-spin" />}
              {t("confirm")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
