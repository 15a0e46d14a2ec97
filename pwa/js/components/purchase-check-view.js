/**
 * The purchase check (inköpskontroll): say what is needed, and Delbar is searched first — its
 * hits are shown with "Boka" (the booking is linked to the check and decides it) and "Efterlys"
 * right there. Only when nothing fits is the outcome asked: bought used, or bought new with a reason.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { listingCard } from "./listing-card.js";

const OUTCOMES = ["bought_used", "bought_new"];
const HITS = 5;

/** @returns {HTMLElement} */
export function purchaseCheckView() {
  const status = h("p", { class: "check-view__status", role: "status", "aria-live": "polite" });
  const field = (/** @type {string} */ name, /** @type {string} */ key, /** @type {Record<string, any>} */ attrs = {}) =>
    h("p", { class: "check-view__field" }, h("label", { for: `check-${name}`, text: t(key) }),
      h(attrs.multiline ? "textarea" : "input", { id: `check-${name}`, name, ...attrs, multiline: null }));
  const form = h("form", { class: "check-view__form", role: "search", novalidate: true },
    field("need", "check.need", { required: true, maxlength: 200, autocomplete: "off", type: "search" }),
    h("button", { type: "submit", class: "button button--primary", text: t("check.search_delbar") }));
  const found = h("section", { class: "check-view__found", "aria-labelledby": "check-found-title", hidden: true });
  const list = h("ul", { class: "check-view__list" });
  const root = h("section", { class: "check-view", "aria-labelledby": "check-title" },
    h("h1", { id: "check-title", text: t("check.title") }),
    h("p", { text: t("check.intro") }), form, status, found, h("h2", { text: t("check.recent") }), list);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const need = String(new FormData(form).get("need") ?? "").trim();
    const input = /** @type {HTMLInputElement} */ (form.querySelector("#check-need"));
    if (!need) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return say(t("check.need_missing"));
    }
    input.removeAttribute("aria-invalid");
    try {
      // The check records the search and what it offered before anything is decided.
      const check = await api("/api/purchase-checks", { method: "POST", body: {
        id: crypto.randomUUID(), need, search_query: need } });
      const result = await api(`/api/listings?${new URLSearchParams({ q: need, sort: "relevance",
                                                                       per_page: String(HITS) })}`);
      say(t("check.hits", { count: check.search_hits }));
      showFound(check, result.results);
      await load();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      say(errorText(error));
    }
  });

  /** @param {any} check @param {any[]} hits */
  function showFound(check, hits) {
    const want = h("button", { type: "button", class: "button button--secondary", text: t("check.want") });
    want.addEventListener("click", async () => {
      try {
        await api("/api/wants", { method: "POST", body: { id: check.id, text: check.need.slice(0, 120),
                                                          visibility: "network" } });
        want.hidden = true;
        say(t("check.wanted"));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        say(errorText(error));
      }
    });
    found.replaceChildren(
      h("h2", { id: "check-found-title", tabindex: "-1", text: t("check.found_title") }),
      hits.length
        ? h("ul", { class: "check-view__hits" }, hits.map((listing) => hit(listing, check)))
        : h("p", { text: t("check.none_found") }),
      h("div", { class: "check-view__actions" }, want),
      outcome(check));
    found.hidden = false;
    /** @type {HTMLElement} */ (found.querySelector("h2")).focus();
  }

  /** The outcome when nothing in Delbar fitted. @param {any} check */
  function outcome(check) {
    const decide = h("form", { class: "check-view__form", novalidate: true },
      h("fieldset", { class: "check-view__decisions" }, h("legend", { text: t("check.nothing_fitted") }),
        OUTCOMES.map((d) => h("label", { class: "check-view__choice" },
          h("input", { type: "radio", name: "decision", value: d, required: true }), " ", t(`check.decision_${d}`)))),
      field("reason", "check.reason", { multiline: true, rows: 3, "aria-describedby": "check-reason-hint" }),
      h("p", { id: "check-reason-hint", class: "check-view__hint", text: t("check.reason_hint") }),
      field("spent", "check.spent", { type: "number", min: 0, step: 1, inputmode: "numeric" }),
      h("button", { type: "submit", class: "button button--secondary", text: t("check.save") }));
    decide.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData(decide);
      const decision = String(data.get("decision") || "");
      if (!decision) return say(t("check.decision_missing"));
      if (decision === "bought_new" && !String(data.get("reason")).trim()) return say(t("error.reason_required"));
      try {
        await api(`/api/purchase-checks/${check.id}`, { method: "PATCH", body: {
          decision, reason: String(data.get("reason")), version: check.version,
          spent_ore: Math.round(Number(data.get("spent") || 0) * 100) } });
        found.hidden = true;
        /** @type {HTMLFormElement} */ (form).reset();
        say(t("check.decided"));
        await load();
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        say(errorText(error));
      }
    });
    return decide;
  }

  /** @param {string} text */
  function say(text) {
    status.textContent = text;
  }

  async function load() {
    try {
      /** @type {any[]} */
      const checks = await api("/api/purchase-checks");
      list.replaceChildren(...checks.slice(0, 10).map((c) => h("li", { class: "check-view__item" },
        `${c.need} — ${c.decision ? t(`check.decision_${c.decision}`) : t("check.decision_undecided")}`,
        c.booking_id ? [" · ", h("a", { href: `/bokningar/${c.booking_id}`, text: t("check.booking") })] : null)));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      say(errorText(error));
    }
  }

  queueMicrotask(load);
  return root;
}

/** A hit with its way to book it, linked to the check. @param {any} listing @param {any} check */
function hit(listing, check) {
  const card = listingCard(listing);
  card.append(h("a", { class: "button button--primary check-view__book",
                       href: `/boka/${listing.id}?inkopskontroll=${encodeURIComponent(check.id)}`,
                       "aria-label": t("check.book_one", { title: listing.title }), text: t("check.book") }));
  return card;
}
