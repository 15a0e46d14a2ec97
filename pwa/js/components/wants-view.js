/**
 * Wants (/efterlysningar): say what the unit looks for, see the listings found for it, close it
 * once it is solved. A new want shows at once what is already listed for it; later listings join
 * when they are published.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { listingCard } from "./listing-card.js";
import { field } from "./listing-search.js";

/** @returns {HTMLElement} */
export function wantsView() {
  const status = h("p", { class: "wants-view__status", role: "status", "aria-live": "polite" });
  const text = h("input", { id: "want-text", name: "text", type: "text", class: "field__input", maxlength: "120" });
  const visibility = h("select", { id: "want-visibility", name: "visibility", class: "field__input" },
    ["municipality", "network"].map((v) => h("option", { value: v, text: t(`catalog.tier_${v}`),
                                                         selected: v === "network" })));
  const form = h("form", { class: "wants-view__form", novalidate: true },
    field("want-text", "wants.text", text), field("want-visibility", "wants.visibility", visibility),
    h("button", { type: "submit", class: "button button--primary", text: t("wants.create") }));
  const wants = h("ul", { class: "wants-view__list" });
  const section = h("section", { class: "wants-view", "aria-labelledby": "wants-title" },
    h("h1", { id: "wants-title", text: t("wants.title") }),
    h("p", { text: t("wants.intro") }), form, status,
    h("h2", { text: t("wants.mine") }), wants);

  /** @returns {Promise<any[]>} the matches shown */
  async function load() {
    section.setAttribute("aria-busy", "true");
    try {
      /** @type {[any[], any[]]} */
      const [mine, matches] = await Promise.all([api("/api/wants?show=mine"), api("/api/wants/matches")]);
      wants.replaceChildren(...mine.map((want) => wantItem(want, matches, close)));
      if (!mine.length) wants.replaceChildren(h("li", { text: t("wants.none") }));
      return matches;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      section.removeAttribute("aria-busy");
    }
    return [];
  }

  /** @param {any} want */
  async function close(want) {
    await act(() => api(`/api/wants/${want.id}/close`, { method: "POST", body: { version: want.version } }),
              "wants.closed");
  }

  /** @param {() => Promise<any>} request @param {string} done */
  async function act(request, done) {
    try {
      await request();
      status.textContent = t(done);
      await load();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = /** @type {HTMLInputElement} */ (text).value.trim();
    if (!value) {
      status.textContent = t("wants.text_missing");
      text.setAttribute("aria-invalid", "true");
      text.focus();
      return;
    }
    text.removeAttribute("aria-invalid");
    const body = { id: crypto.randomUUID(), text: value, visibility: /** @type {HTMLSelectElement} */ (visibility).value };
    try {
      await api("/api/wants", { method: "POST", body });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
      return;
    }
    /** @type {HTMLFormElement} */ (form).reset();
    const found = (await load()).filter((m) => m.want_id === body.id).length;
    status.textContent = found ? t("wants.created_found", { count: found }) : t("wants.created_none");
    // The new want's card, with what already fits, is where the person looks next.
    /** @type {HTMLElement | null} */ (document.getElementById(`want-${body.id}`))?.focus();
  });

  queueMicrotask(load);
  return section;
}

/** @param {any} want @param {any[]} matches @param {(want: any) => Promise<void>} close */
function wantItem(want, matches, close) {
  const found = matches.filter((m) => m.want_id === want.id);
  const headingId = `want-${want.id}`;
  return h("li", { class: `wants-view__want wants-view__want--${want.status}` },
    h("article", { "aria-labelledby": headingId },
      h("h3", { id: headingId, class: "wants-view__text", text: want.text, tabindex: "-1" }),
      h("p", { class: "wants-view__meta", text: t(`wants.status_${want.status}`) }),
      found.length
        ? h("ul", { class: "wants-view__matches", "aria-label": t("wants.matches", { text: want.text }) },
          found.map((m) => listingCard(m.listing)))
        : h("p", { text: t("wants.no_matches") }),
      want.status === "open"
        ? h("button", { type: "button", class: "button button--secondary", text: t("wants.close"),
                        onclick: () => close(want) }) : null));
}
