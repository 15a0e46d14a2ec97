/**
 * The CO2e factors the report counts with (/miljofaktorer): per category the figures in force,
 * their source and system boundary, earlier versions, and which are the municipality's own.
 * Everyone who reads the report sees them; admins also get the form for an own figure.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { currentUser } from "../session.js";
import { factorForm } from "./factor-form.js";
import { money } from "./listing-card.js";

/** The category key of the weight × material fallback. */
const FALLBACK = "*";

/** @typedef {import("./factor-form.js").Factor} Factor */

function locale() {
  return getLanguage() === "en" ? "en-GB" : "sv-SE";
}

/** @param {number} value */
function decimal(value) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 3 }).format(value);
}

/** @param {string} iso */
function day(iso) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "long", timeZone: "Europe/Stockholm" }).format(new Date(iso));
}

/** @param {Factor} f @returns {{source: string, boundary: string}} the source and boundary in the page's language */
function readable(f) {
  return getLanguage() === "en" ? f.en : f.sv;
}

/** @param {Factor} f */
function co2eText(f) {
  return f.co2e_kg !== null
    ? t("factors.per_piece_value", { value: decimal(f.co2e_kg) })
    : t("factors.per_kg_value", { value: decimal(f.co2e_kg_per_kg ?? 0) });
}

/**
 * The version the ledger books with now: the municipality's own over the default, then the newest.
 * @param {Factor[]} rows one category's versions
 * @returns {Factor}
 */
export function inForce(rows) {
  const own = rows.filter((r) => r.own);
  const pool = own.length ? own : rows;
  const key = (/** @type {Factor} */ r) => [Date.parse(r.valid_from), r.version];
  return pool.reduce((best, r) => {
    const [a, b] = [key(r), key(best)];
    return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]) ? r : best;
  });
}

/** @returns {HTMLElement} */
export function factorsView() {
  const admin = Boolean(currentUser()?.roles?.includes("admin"));
  const status = h("p", { class: "factors-view__status", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "factors-view__list", "aria-labelledby": "factors-current" });
  const form = admin ? factorForm({ onSaved }) : null;
  const root = h("section", { class: "factors-view", "aria-labelledby": "factors-title" },
    h("p", {}, h("a", { href: "/rapport", text: t("factors.back") })),
    h("h1", { id: "factors-title", text: t("factors.title") }),
    h("p", { text: t("factors.intro") }),
    admin ? null : h("p", { class: "factors-view__note", text: t("factors.admins_only") }),
    status,
    h("h2", { id: "factors-current", text: t("factors.current") }),
    list,
    form?.element);

  /** @type {Map<string, string>} slug → name in the current language, in the category tree's order */
  let names = new Map();

  /** @param {string} slug */
  const nameOf = (slug) => names.get(slug) ?? slug;

  async function load() {
    root.setAttribute("aria-busy", "true");
    try {
      const [factors, categories] = await Promise.all([api("/api/impact/factors"), api("/api/categories")]);
      names = categoryNames(categories);
      const groups = group(factors, [...names.keys()]);
      list.replaceChildren(...groups.map(([slug, rows]) => card(slug, rows)));
      if (form) {
        form.setChoices(choices(categories));
        form.setCurrent(new Map(groups.map(([slug, rows]) => [slug, inForce(rows)])));
      }
      return groups.length;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
      return null;
    } finally {
      root.removeAttribute("aria-busy");
    }
  }

  /**
   * @param {string} slug @param {Factor[]} rows
   */
  function card(slug, rows) {
    const now = inForce(rows);
    const earlier = rows.filter((r) => r !== now).sort((a, b) => b.version - a.version);
    const headingId = cardId(slug);
    return h("li", { class: `factor-card${now.own ? " factor-card--own" : ""}`, "aria-labelledby": headingId },
      h("h3", { id: headingId, class: "factor-card__title", tabindex: "-1", text: nameOf(slug) }),
      h("p", { class: `factor-card__kind${now.own ? " factor-card__kind--own" : ""}`,
               text: t(now.own ? "factors.own" : "factors.national") }),
      h("dl", { class: "factor-card__facts" },
        fact(t("factors.co2e"), co2eText(now)),
        fact(t("factors.weight"), now.typical_weight_kg === null ? t("factors.not_given")
          : t("factors.weight_value", { value: decimal(now.typical_weight_kg) })),
        fact(t("factors.price"), money(now.new_price_ore)),
        fact(t("factors.source"), readable(now).source),
        fact(t("factors.boundary"), readable(now).boundary || t("factors.not_given")),
        fact(t("factors.valid_from"), day(now.valid_from)),
        fact(t("factors.version"), String(now.version))),
      earlier.length ? h("details", { class: "factor-card__earlier" },
        h("summary", { text: t("factors.earlier", { count: earlier.length }) }),
        h("ul", {}, earlier.map((r) => h("li", { text: t("factors.earlier_item", {
          version: r.version, kind: t(r.own ? "factors.own" : "factors.national").toLowerCase(),
          date: day(r.valid_from), co2e: co2eText(r), source: readable(r).source }) })))) : null,
      form ? h("button", { type: "button", class: "button button--secondary factor-card__change",
                           text: t("factors.change", { category: nameOf(slug) }),
                           onclick: () => form.edit(slug) }) : null);
  }

  /** @param {Factor} saved */
  async function onSaved(saved) {
    await load();
    status.textContent = t("factors.saved", { category: nameOf(saved.category_slug), version: saved.version });
    // Focus goes to the saved category's card, where the new version now shows.
    /** @type {HTMLElement | null} */ (list.querySelector(`#${cardId(saved.category_slug)}`))?.focus();
  }

  queueMicrotask(async () => {
    const count = await load();
    if (count !== null) status.textContent = count ? t("factors.loaded", { count }) : t("factors.none");
  });
  return root;
}

/**
 * @param {{slug: string, name_sv: string, name_en: string, id: string, parent_id: string | null}[]} categories
 * @returns {Map<string, string>}
 */
function categoryNames(categories) {
  const names = new Map(ordered(categories).map((c) => [c.slug, c.name]));
  names.set(FALLBACK, t("factors.fallback"));
  return names;
}

/**
 * The category tree in order (parents, each followed by its children), named in the current language.
 * @param {{slug: string, name_sv: string, name_en: string, id: string, parent_id: string | null}[]} categories
 */
function ordered(categories) {
  const name = (/** @type {any} */ c) => (getLanguage() === "en" ? c.name_en : c.name_sv);
  return categories.filter((c) => !c.parent_id).flatMap((root) => [
    { slug: root.slug, name: name(root), sub: false },
    ...categories.filter((c) => c.parent_id === root.id).map((c) => ({ slug: c.slug, name: name(c), sub: true })),
  ]);
}

/** @param {Parameters<typeof ordered>[0]} categories */
function choices(categories) {
  return [...ordered(categories), { slug: FALLBACK, name: t("factors.fallback"), sub: false }];
}

/**
 * The factors per category, in the tree's order; the fallback and unknown categories last.
 * @param {Factor[]} factors @param {string[]} order
 * @returns {[string, Factor[]][]}
 */
function group(factors, order) {
  /** @type {Map<string, Factor[]>} */
  const bySlug = new Map();
  for (const f of factors) bySlug.set(f.category_slug, [...(bySlug.get(f.category_slug) ?? []), f]);
  const rank = (/** @type {string} */ slug) => {
    const at = order.indexOf(slug);
    return slug === FALLBACK ? Number.MAX_SAFE_INTEGER : at < 0 ? order.length : at;
  };
  return [...bySlug.entries()].sort(([a], [b]) => rank(a) - rank(b));
}

/** @param {string} slug @returns {string} the id of the category card's heading */
function cardId(slug) {
  return `factor-${slug === FALLBACK ? "fallback" : slug}`;
}

/** @param {string} term @param {string} value */
function fact(term, value) {
  return h("div", { class: "factor-card__fact" }, h("dt", { text: term }), h("dd", { text: value }));
}
