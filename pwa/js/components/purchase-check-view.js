/**
 * The purchase check (inköpskontroll): before buying, say what is needed, search Delbar, and
 * record the decision — with a reason when it was bought new.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

const DECISIONS = ["reused", "bought_used", "bought_new"];

/** @returns {HTMLElement} */
export function purchaseCheckView() {
  const status = h("p", { class: "check-view__status", role: "status", "aria-live": "polite" });
  const field = (/** @type {string} */ name, /** @type {string} */ key, /** @type {Record<string, any>} */ attrs = {}) =>
    h("p", { class: "check-view__field" }, h("label", { for: `check-${name}`, text: t(key) }),
      h(attrs.multiline ? "textarea" : "input", { id: `check-${name}`, name, ...attrs, multiline: null }));
  const decisions = h("fieldset", { class: "check-view__decisions" }, h("legend", { text: t("check.decision") }),
    DECISIONS.map((d) => h("label", { class: "check-view__choice" },
      h("input", { type: "radio", name: "decision", value: d, required: true }), " ", t(`check.decision_${d}`))));
  const form = h("form", { class: "check-view__form", novalidate: true },
    field("need", "check.need", { required: true, maxlength: 200, autocomplete: "off" }),
    field("search_query", "check.search", { maxlength: 200, type: "search" }),
    decisions,
    field("reason", "check.reason", { multiline: true, rows: 3, "aria-describedby": "check-reason-hint" }),
    h("p", { id: "check-reason-hint", class: "check-view__hint", text: t("check.reason_hint") }),
    field("spent", "check.spent", { type: "number", min: 0, step: 1, inputmode: "numeric" }),
    h("button", { type: "submit", class: "button button--primary", text: t("check.save") }));
  const list = h("ul", { class: "check-view__list" });
  const root = h("section", { class: "check-view", "aria-labelledby": "check-title" },
    h("h1", { id: "check-title", text: t("check.title") }),
    h("p", { text: t("check.intro") }), form, status, h("h2", { text: t("check.recent") }), list);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const decision = String(data.get("decision") || "");
    if (!String(data.get("need")).trim()) return say(t("check.need_missing"));
    if (decision === "bought_new" && !String(data.get("reason")).trim()) return say(t("error.reason_required"));
    try {
      const check = await api("/api/purchase-checks", { method: "POST", body: {
        id: crypto.randomUUID(), need: String(data.get("need")).trim(), search_query: String(data.get("search_query")),
        decision: decision || null, reason: String(data.get("reason")),
        spent_ore: Math.round(Number(data.get("spent") || 0) * 100) } });
      form.reset();
      say(t("check.saved", { hits: check.search_hits }));
      await load();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      say(errorText(error));
    }
  });

  /** @param {string} text */
  function say(text) {
    status.textContent = text;
  }

  async function load() {
    try {
      /** @type {any[]} */
      const checks = await api("/api/purchase-checks");
      list.replaceChildren(...checks.slice(0, 10).map((c) => h("li", { class: "check-view__item",
        text: `${c.need} — ${c.decision ? t(`check.decision_${c.decision}`) : t("check.decision_undecided")}` })));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      say(errorText(error));
    }
  }

  queueMicrotask(load);
  return root;
}
