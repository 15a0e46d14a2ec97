/**
 * The audit trail (/admin/handelselogg): every administrative change and sign-in of the admin's
 * municipality, newest first, with filters (kind of event, person, date range), pages, and the
 * filtered list as a CSV download. Each entry shows who did what to which object, and what the
 * changed fields were before and after. Only admins may read it: others get the server's refusal.
 */
import { h } from "../dom.js";
import { getLanguage, LANGUAGE_NAMES, t } from "../i18n.js";
import { api } from "../api.js";
import { currentUser } from "../session.js";
import { adminPage } from "./admin-page.js";

const PER_PAGE = 25;
// Fields with a name in the catalogue (audit.field.*); others show as the server names them.
const FIELDS = ["name", "email", "roles", "unit_name", "active", "language", "cost_centre", "fee_ore", "payee_unit_id",
  "reason", "status", "off_kinds", "invited_municipality", "month", "line_count", "total_ore", "source", "version",
  "method", "provider", "issuer", "client_id", "client_secret", "display_name", "domains", "enabled"];
const REASONS = ["wrong_password", "unknown_account", "inactive", "rate_limited"];
const ROLES = ["employee", "warehouse", "driver", "coordinator", "admin", "reporter"];
const KINDS = ["user", "unit", "network", "factor", "tariff", "period", "mail", "sso", "session"];
const ACTIONS = [
  "user.created", "user.invited", "user.changed", "user.roles_changed", "user.unit_changed", "user.deactivated",
  "user.reactivated", "user.password_set", "unit.created", "unit.renamed", "unit.changed", "network.created",
  "network.member_added", "network.joined", "network.left", "factor.changed", "tariff.changed", "period.locked",
  "period.mapping_changed",
  "mail.defaults_changed", "sso.provider_created", "sso.provider_changed", "sso.provider_removed",
  "session.signed_in", "session.sign_in_failed",
];

/**
 * @typedef {{id: string, at: string, actor_id: string | null, actor_name: string, action: string,
 *   object_type: string, object_id: string, object_name: string, before: Record<string, any>, after: Record<string, any>,
 *   address: string, user_agent: string}} Entry
 */

/** @returns {HTMLElement} */
export function auditView() {
  const action = h("select", { id: "audit-action", class: "field__input" },
    h("option", { value: "", text: t("audit.action_all") }),
    KINDS.map((kind) => h("optgroup", { label: t(`audit.kind.${kind}`) },
      h("option", { value: kind, text: t(`audit.kind.${kind}`) }),
      ACTIONS.filter((a) => a.startsWith(`${kind}.`)).map((a) => h("option", { value: a, text: t(`audit.action.${a}`) })))));
  const person = h("select", { id: "audit-person", class: "field__input" },
    h("option", { value: "", text: t("audit.person_all") }));
  const since = h("input", { id: "audit-since", type: "date", class: "field__input" });
  const until = h("input", { id: "audit-until", type: "date", class: "field__input" });
  const field = (/** @type {HTMLElement} */ input, /** @type {string} */ key) =>
    h("div", { class: "field audit-view__field" }, h("label", { class: "field__label", for: input.id, text: t(key) }), input);
  const exportLink = h("a", { class: "button button--secondary audit-view__export", download: "", text: t("audit.export") });
  const form = h("form", { class: "audit-view__filters", role: "search", "aria-label": t("audit.filters") },
    field(action, "audit.action"), field(person, "audit.person"), field(since, "audit.since"), field(until, "audit.until"),
    h("div", { class: "audit-view__actions" },
      h("button", { type: "submit", class: "button button--primary", text: t("audit.show") }), exportLink));
  const heading = h("h2", { id: "audit-view-list", tabindex: "-1", text: t("audit.entries") });
  const list = h("ol", { class: "audit-view__list", "aria-labelledby": "audit-view-list" });
  const previous = h("button", { type: "button", class: "button button--secondary", text: t("audit.previous") });
  const next = h("button", { type: "button", class: "button button--secondary", text: t("audit.next") });
  const where = h("p", { class: "audit-view__page", "aria-live": "polite" });
  const paging = h("nav", { class: "audit-view__paging", "aria-label": t("audit.paging") }, previous, where, next);
  const content = h("div", { class: "audit-view__content", hidden: true }, form, heading, list, paging);
  const municipality = currentUser()?.municipality?.name ?? "";
  const page = adminPage({ id: "audit-view", titleKey: "audit.title", intro: t("audit.intro", { municipality }) },
    content);
  let current = 1;

  /** The filters as a query string (the list's and the CSV's). */
  function query() {
    const params = new URLSearchParams();
    if (action.value) params.set("action", action.value);
    if (person.value) params.set("actor_id", person.value);
    if (since.value) params.set("since", since.value);
    if (until.value) params.set("until", until.value);
    return params;
  }

  /** @param {number} pageNumber @param {boolean} [focus] move focus to the list's heading afterwards */
  async function load(pageNumber, focus = false) {
    page.busy(true);
    try {
      const params = query();
      exportLink.setAttribute("href", `/api/audit/csv?${params}`);
      params.set("page", String(pageNumber));
      params.set("per_page", String(PER_PAGE));
      const [result, people] = await Promise.all([
        api(`/api/audit?${params}`), person.options.length > 1 ? null : api("/api/audit/actors")]);
      if (people) person.append(...people.map((/** @type {any} */ p) => h("option", { value: p.id, text: p.name || p.id })));
      current = result.page;
      const pages = Math.max(1, Math.ceil(result.total / PER_PAGE));
      heading.textContent = `${t("audit.entries")}: ${t("audit.count", { count: result.total })}`;
      list.replaceChildren(...result.entries.map(entryItem));
      if (!result.entries.length) list.replaceChildren(h("li", { class: "audit-view__none", text: t("audit.none") }));
      where.textContent = t("audit.page", { page: current, pages });
      previous.disabled = current <= 1;
      next.disabled = current >= pages;
      paging.hidden = pages <= 1;
      content.hidden = false;
      if (focus) heading.focus();
    } catch (error) {
      content.hidden = true;
      page.refuse(error);
    } finally {
      page.busy(false);
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load(1, true);
  });
  previous.addEventListener("click", () => load(current - 1, true));
  next.addEventListener("click", () => load(current + 1, true));
  queueMicrotask(() => load(1));
  return page.element;
}

/** @param {Entry} entry */
function entryItem(entry) {
  const when = new Date(entry.at);
  // A failed sign-in has no actor: it names the account tried, or says the address was unknown.
  const actor = entry.actor_id
    ? (entry.actor_name ? t("audit.by", { name: entry.actor_name }) : t("audit.by_unknown"))
    : entry.object_id ? "" : t("audit.by_nobody");
  const label = ACTIONS.includes(entry.action) ? t(`audit.action.${entry.action}`) : entry.action;
  return h("li", { class: `audit-view__entry audit-view__entry--${entry.action.split(".")[0]}` },
    h("p", { class: "audit-view__head" },
      h("time", { class: "audit-view__time", datetime: entry.at,
                  text: when.toLocaleString(getLanguage() === "sv" ? "sv-SE" : "en-GB",
                                            { dateStyle: "short", timeStyle: "medium" }) }),
      " ", h("strong", { class: "audit-view__action", text: label }), " ",
      h("span", { class: "audit-view__actor", text: actor })),
    // A sign-in's object is the person who signed in: named once, as the actor.
    entry.object_name && entry.object_id !== entry.actor_id
      ? h("p", { class: "audit-view__object", text: t("audit.object", { name: entry.object_name }) }) : null,
    changes(entry),
    entry.address || entry.user_agent
      ? h("p", { class: "audit-view__where", text: t("audit.from_where", { address: entry.address, agent: entry.user_agent }) })
      : null);
}

/** The changed fields, each "field: before → after". @param {Entry} entry */
function changes(entry) {
  const all = [...new Set([...Object.keys(entry.before), ...Object.keys(entry.after)])];
  // A unit shows by its name; its id is there for the CSV.
  const keys = all.filter((key) => !(key === "unit_id" && all.includes("unit_name")));
  if (!keys.length) return null;
  const onlyAfter = !Object.keys(entry.before).length;
  const onlyBefore = !onlyAfter && !Object.keys(entry.after).length;
  const show = (/** @type {string} */ key, /** @type {any} */ value) => {
    if (value === undefined || value === null || value === "") return t("audit.empty_value");
    if (typeof value === "boolean") return t(value ? "audit.yes" : "audit.no");
    if (key === "roles" && Array.isArray(value)) return value.map((r) => ROLES.includes(r) ? t(`role.${r}`) : r).join(", ");
    if (key === "reason" && REASONS.includes(value)) return t(`audit.reason.${value}`);
    if (key === "language" && value in LANGUAGE_NAMES) return LANGUAGE_NAMES[/** @type {"sv" | "en"} */ (value)];
    // A claim mapping is a list of rows: each shows as its JSON.
    const text = (/** @type {any} */ v) => (v !== null && typeof v === "object" ? JSON.stringify(v) : String(v));
    return Array.isArray(value) ? value.map(text).join(", ") || t("audit.empty_value") : text(value);
  };
  return h("dl", { class: "audit-view__changes", "aria-label": t("audit.before_after") },
    keys.flatMap((key) => [
      h("dt", { class: "audit-view__field-name", text: FIELDS.includes(key) ? t(`audit.field.${key}`) : key }),
      // Something new (or gone) shows its one side; a change shows before → after.
      h("dd", { class: "audit-view__change" },
        onlyAfter ? null : h("span", { class: "audit-view__before", text: show(key, entry.before[key]) }),
        onlyAfter || onlyBefore ? null : " → ",
        onlyBefore ? null : h("span", { class: "audit-view__after", text: show(key, entry.after[key]) })),
    ]));
}
