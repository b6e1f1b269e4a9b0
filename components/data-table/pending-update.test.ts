import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPendingUpdate, type PageClick, startsNavigation } from "./pending-update";

// The search box's debounce (url-state.tsx wires it to the DOM and to nuqs): a typed search lands
// once, 350 ms after the last key, and never after the user left for another page.

type Patch = { q: string | null; page?: number | null };

function setup() {
  let page = "/customers";
  const applied: Patch[] = [];
  const changes: (Patch | null)[] = [];
  const pending = createPendingUpdate<Patch>({ delayMs: 350, currentPage: () => page, onChange: (queued) => changes.push(queued) });
  const apply = (patch: Patch) => applied.push(patch);
  return { pending, apply, applied, changes, goTo: (path: string) => (page = path) };
}

describe("createPendingUpdate", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("applies the last patch once, 350 ms after the last call, merged over the earlier ones", () => {
    const { pending, apply, applied, changes } = setup();
    pending.schedule({ q: "M", page: null }, apply);
    vi.advanceTimersByTime(200);
    pending.schedule({ q: "Mü" }, apply);
    vi.advanceTimersByTime(349);
    expect(applied).toEqual([]);
    expect(pending.isPending()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual([{ q: "Mü", page: null }]);
    expect(pending.isPending()).toBe(false);
    expect(changes).toEqual([{ q: "M", page: null }, { q: "Mü", page: null }, null]);
    vi.advanceTimersByTime(10_000);
    expect(applied).toHaveLength(1);
  });

  it("drops the patch when cancelled (a link click, back/forward, unmount)", () => {
    const { pending, apply, applied, changes } = setup();
    pending.schedule({ q: "Anna" }, apply);
    vi.advanceTimersByTime(100);
    pending.cancel();
    vi.advanceTimersByTime(1_000);
    expect(applied).toEqual([]);
    expect(changes).toEqual([{ q: "Anna" }, null]);
    pending.cancel();
    expect(changes).toHaveLength(2);
  });

  it("never applies on another page than the one it was typed on", () => {
    const { pending, apply, applied, changes, goTo } = setup();
    pending.schedule({ q: "Anna" }, apply);
    goTo("/customers/7f3c");
    vi.advanceTimersByTime(350);
    expect(applied).toEqual([]);
    expect(changes.at(-1)).toBeNull();

    pending.schedule({ q: "B" }, apply);
    goTo("/customers");
    expect(pending.take()).toBeNull();
    vi.advanceTimersByTime(350);
    expect(applied).toEqual([]);
  });

  it("does not merge a patch queued on another page into a new one", () => {
    const { pending, apply, applied, goTo } = setup();
    pending.schedule({ q: "old", page: null }, apply);
    goTo("/staff");
    pending.schedule({ q: "new" }, apply);
    vi.advanceTimersByTime(350);
    expect(applied).toEqual([{ q: "new" }]);
  });

  it("hands the queued patch to an immediate update and stops its timer", () => {
    const { pending, apply, applied, changes } = setup();
    pending.schedule({ q: "Anna", page: null }, apply);
    expect(pending.take()).toEqual({ q: "Anna", page: null });
    expect(changes.at(-1)).toBeNull();
    expect(pending.take()).toBeNull();
    vi.advanceTimersByTime(1_000);
    expect(applied).toEqual([]);
  });

  it("uses the last call's apply", () => {
    const { pending, applied } = setup();
    const first: Patch[] = [];
    pending.schedule({ q: "a" }, (patch) => first.push(patch));
    pending.schedule({ q: "ab" }, (patch) => applied.push(patch));
    vi.advanceTimersByTime(350);
    expect(first).toEqual([]);
    expect(applied).toEqual([{ q: "ab" }]);
  });
});

describe("startsNavigation", () => {
  const here = "http://127.0.0.1:3000/customers?sort=name.asc";
  const click = (overrides: Partial<PageClick>): PageClick => ({
    href: "http://127.0.0.1:3000/customers/7f3c",
    target: "",
    download: false,
    menuItem: false,
    button: 0,
    modified: false,
    defaultPrevented: false,
    ...overrides,
  });

  it("counts a plain click on a link to another page or query of this tab", () => {
    expect(startsNavigation(click({}), here)).toBe(true);
    expect(startsNavigation(click({ href: "/customers/7f3c/edit" }), here)).toBe(true);
    expect(startsNavigation(click({ href: "http://127.0.0.1:3000/customers?sort=name.desc" }), here)).toBe(true);
    expect(startsNavigation(click({ target: "_self" }), here)).toBe(true);
    expect(startsNavigation(click({ href: "https://example.com/" }), here)).toBe(true);
  });

  it("counts a row action: a menu item that is not a link may navigate by script", () => {
    expect(startsNavigation(click({ href: null, menuItem: true }), here)).toBe(true);
    expect(startsNavigation(click({ menuItem: true }), here)).toBe(true);
    expect(startsNavigation(click({ menuItem: true, modified: true }), here)).toBe(false);
  });

  it("ignores clicks that are not on a link or leave this tab where it is", () => {
    expect(startsNavigation(click({ href: null }), here)).toBe(false);
    expect(startsNavigation(click({ target: "_blank" }), here)).toBe(false);
    expect(startsNavigation(click({ modified: true }), here)).toBe(false);
    expect(startsNavigation(click({ button: 1 }), here)).toBe(false);
    expect(startsNavigation(click({ download: true }), here)).toBe(false);
    expect(startsNavigation(click({ defaultPrevented: true }), here)).toBe(false);
    expect(startsNavigation(click({ href: `${here}#notes` }), here)).toBe(false);
    expect(startsNavigation(click({ href: "tel:+49302887469" }), here)).toBe(false);
    expect(startsNavigation(click({ href: "mailto:info@example.com" }), here)).toBe(false);
  });
});
