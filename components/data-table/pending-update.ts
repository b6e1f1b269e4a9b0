// The search box's debounce, held by the kit rather than by nuqs. nuqs 2.10.2's `limitUrlUpdates:
// debounce()` has no public cancel: its queue is only dropped on popstate or on a history.pushState
// that is not its own, which Next makes when the next page *commits*, not when the user clicks
// (and never for a replace navigation). So with "type, then click a row's link within 350 ms" the
// queued search could fire while the click's navigation was still loading, and its router.replace()
// to the list with `q=` could win over it. Here the queued patch is dropped as soon as a click may
// start a navigation (a link, a row action), on back/forward, when the list unmounts, and — checked
// when it fires — if the page is no longer the one it was typed on. A patch that survives goes to
// nuqs as an ordinary (throttled) update.

export type PendingUpdate<T extends Record<string, unknown>> = {
  /**
   * Queue `patch` (merged over what is queued): `apply` gets it `delayMs` after the last call (the
   * last call's `apply`, so it writes with the component's current state setter).
   */
  schedule: (patch: T, apply: (patch: T) => void) => void;
  /** Stop the timer and hand back what was queued (to send it with an immediate update). */
  take: () => T | null;
  /** Drop what is queued. */
  cancel: () => void;
  isPending: () => boolean;
};

export function createPendingUpdate<T extends Record<string, unknown>>(options: {
  delayMs: number;
  /** Where the page is now (the pathname): the patch only applies where it was typed. */
  currentPage: () => string;
  /** Called whenever what is queued changes (queued, replaced, applied, taken or dropped). */
  onChange?: (queued: T | null) => void;
}): PendingUpdate<T> {
  let queued: { patch: T; page: string } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const had = queued;
    queued = null;
    return had;
  };

  return {
    schedule(patch, apply) {
      const page = options.currentPage();
      // A patch queued on another page (the provider outlived a navigation) is not merged in.
      const base = queued && queued.page === page ? queued.patch : null;
      clear();
      queued = { patch: { ...base, ...patch } as T, page };
      options.onChange?.(queued.patch);
      timer = setTimeout(() => {
        const due = clear();
        options.onChange?.(null);
        if (due && due.page === options.currentPage()) apply(due.patch);
      }, options.delayMs);
    },
    take() {
      const had = clear();
      if (!had) return null;
      options.onChange?.(null);
      return had.page === options.currentPage() ? had.patch : null;
    },
    cancel() {
      if (clear()) options.onChange?.(null);
    },
    isPending: () => queued !== null,
  };
}

/** What the kit needs to know about a click to tell whether it may start a navigation. */
export type PageClick = {
  /** The `href` the anchor resolves to (`anchor.href`), or null when the click was not on a link. */
  href: string | null;
  target: string;
  download: boolean;
  /** The click was on a menu item (a row action, which may navigate by script: router.push). */
  menuItem: boolean;
  button: number;
  modified: boolean;
  defaultPrevented: boolean;
};

/**
 * True when the click may navigate this tab: a link, opened here, to another path or query
 * (another site included: a late list update could still cancel that load), or a menu item that
 * is not a link. Clicks that open a new tab or window, download, or only jump to an anchor on the
 * page are not.
 */
export function startsNavigation(click: PageClick, current: string): boolean {
  if (click.defaultPrevented || click.button !== 0) return false;
  if (click.href === null) return click.menuItem;
  if (click.modified || click.download) return false;
  if (click.target !== "" && click.target !== "_self") return false;
  let to: URL;
  let from: URL;
  try {
    from = new URL(current);
    to = new URL(click.href, from);
  } catch {
    return false;
  }
  if (to.protocol !== "http:" && to.protocol !== "https:") return false; // mailto:, tel:
  return to.origin !== from.origin || to.pathname !== from.pathname || to.search !== from.search;
}
