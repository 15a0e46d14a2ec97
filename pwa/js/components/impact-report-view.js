/**
 * The sustainability report: totals, server-drawn charts (patterns and labels, readable in black
 * and white) and the same figures as tables for screen readers, for the municipality or network.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { softHyphens } from "../hyphenate.js";
import { periodFromSearch, periodSearch, reportPeriod } from "./report-period.js";

/** @param {number} ore @returns {string} */
export function kronor(ore) {
  return new Intl.NumberFormat(locale(), { style: "currency", currency: "SEK", maximumFractionDigits: 0 })
    .format(ore / 100);
}

function locale() {
  return getLanguage() === "en" ? "en-GB" : "sv-SE";
}

/** @param {number} value */
function number(value) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(value);
}

/** @returns {HTMLElement} */
export function impactReportView() {
  const status = h("p", { class: "report-view__status", role: "status", "aria-live": "polite" });
  const body = h("div", { class: "report-view__body" });
  // The URL holds the chosen view and period: a copied link opens the same report.
  const initial = new URLSearchParams(location.search).get("view") === "network" ? "network" : "municipality";
  let period = periodFromSearch(location.search, new Date());
  const picker = reportPeriod({ period, now: new Date(), onChange: (p) => { period = p; load(); } });
  const views = ["municipality", "network"].map((view) =>
    h("label", { class: "report-view__choice" },
      h("input", { type: "radio", name: "report-view", value: view, checked: view === initial }),
      " ", t(`report.view_${view}`)));
  const form = h("fieldset", { class: "report-view__views" }, h("legend", { text: t("report.view") }), views);
  const root = h(
    "section",
    { class: "report-view", "aria-labelledby": "report-title" },
    h("h1", { id: "report-title", text: t("report.title") }),
    picker,
    form,
    status,
    body,
  );
  form.addEventListener("change", () => load());

  // Only the latest load shows: a slower answer for an earlier choice must not overwrite it.
  let latest = 0;

  async function load() {
    const ticket = ++latest;
    const view = /** @type {HTMLInputElement} */ (form.querySelector("input:checked")).value;
    const search = periodSearch(period, view);
    if (search !== location.search) history.replaceState(null, "", location.pathname + search);
    root.setAttribute("aria-busy", "true");
    try {
      const report = await api(`/api/impact/report${search}`);
      if (ticket !== latest) return;
      body.replaceChildren(...render(report, view).flat());
      status.textContent = t("report.loaded", { from: report.from_month, to: report.to_month });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (ticket === latest) status.textContent = errorText(error);
    } finally {
      if (ticket === latest) root.removeAttribute("aria-busy");
    }
  }

  queueMicrotask(load);
  return root;
}

/** The purchase checks' decisions, in the order the table lists them. */
const OUTCOMES = /** @type {const} */ (["reused", "bought_used", "bought_new", "undecided"]);

/** @typedef {{category: string, source: string, boundary: string}} FactorText */
/** @typedef {{reuses: number, pieces: number, co2e_kg: number, saved_ore: number, waste_kg: number}} Totals */
/**
 * @typedef {object} Report what GET /api/impact/report answers (ReportRead)
 * @property {string} from_month
 * @property {string} to_month
 * @property {Totals} totals
 * @property {Array<Totals & {month: string}>} months
 * @property {Array<Totals & {key: string, label: string, label_en: string}>} by_category
 * @property {Array<Totals & {key: string, label: string}>} by_unit
 * @property {{total_minutes: number, tasks: number, by_month: WorkGroup[], by_kind: WorkGroup[],
 *   by_municipality: WorkGroup[]}} work
 * @property {{from_month: string, to_month: string, totals: Totals,
 *   change: {reuses: number|null, co2e_kg: number|null, saved_ore: number|null}}} previous
 * @property {Array<Totals & {municipality_id: string, municipality: string}>} municipalities
 * @property {Record<typeof OUTCOMES[number] | "checks", number>
 *   & {reuse_share: number, saved_ore: number}} checks
 * @property {UnitChecks[]} check_units
 * @property {Array<{category_slug: string, version: number, own: boolean, source: string, boundary: string,
 *   sv: FactorText, en: FactorText}>} factors
 */

/** @typedef {{key: string, label: string, minutes: number, tasks: number}} WorkGroup hours of one group */

/**
 * The hours of work the service gave the AME: per month, kind of task and municipality.
 * @param {Report["work"]} work
 */
function workHours(work) {
  const hours = (/** @type {number} */ minutes) =>
    new Intl.NumberFormat(locale(), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(minutes / 60);
  const head = (/** @type {string} */ first) => [first, t("report.work_hours"), t("report.work_tasks")];
  const rows = (/** @type {WorkGroup[]} */ groups, /** @type {(g: WorkGroup) => string} */ name) =>
    groups.map((g) => [name(g), hours(g.minutes), number(g.tasks)]);
  return [
    h("h2", { text: t("report.work") }),
    h("p", { text: t("report.work_total", { hours: hours(work.total_minutes), tasks: number(work.tasks) }) }),
    ...(work.tasks ? [
      table("report-work-months", t("report.work_per_month"), head(t("report.month")), rows(work.by_month, (g) => g.key)),
      table("report-work-kinds", t("report.work_per_kind"), head(t("report.work_kind")),
        rows(work.by_kind, (g) => t(`report.work_kind_${g.key}`))),
      table("report-work-municipalities", t("report.work_per_municipality"), head(t("report.municipality")),
        rows(work.by_municipality, (g) => g.label)),
    ] : []),
  ];
}

/**
 * @typedef {Record<typeof OUTCOMES[number] | "checks", number> & {unit_id: string, unit: string, reuse_share: number}}
 *   UnitChecks one unit's purchase checks in the period
 */

/**
 * The purchase-check share per unit: how many checks, what each led to, and the share reused. One
 * card per unit, so a phone shows every figure without scrolling sideways.
 * @param {UnitChecks[]} units
 */
function unitChecks(units) {
  const heading = h("h2", { id: "report-check-units-title", text: t("report.check_units") });
  if (!units.length) return [heading, h("p", { text: t("report.check_units_none") })];
  const percent = new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 0 });
  return [heading, h("ul", { class: "report-view__units", "aria-labelledby": "report-check-units-title" },
    units.map((u) => h("li", { class: "report-view__unit" },
      h("h3", { class: "report-view__unit-name", text: softHyphens(u.unit) }),
      h("dl", { class: "report-view__unit-facts" },
        fact(t("report.check_count"), number(u.checks)),
        ...OUTCOMES.map((k) => fact(t(`report.short_${k}`), number(u[k]))),
        fact(t("report.reuse_share"), percent.format(u.reuse_share))))))];
}

/** @param {Report} report @param {string} view */
function render(report, view) {
  const query = `view=${view}&from_month=${report.from_month}&to_month=${report.to_month}`;
  const sums = report.totals;
  const chart = (/** @type {string} */ name, /** @type {string} */ tableId) =>
    h("figure", { class: "report-view__chart" },
      h("img", { src: `/api/impact/report/charts/${name}?${query}&lang=${getLanguage()}`, alt: t(`report.chart_${name}`),
        "aria-describedby": tableId, width: 640 }),
      h("figcaption", { text: t("report.chart_caption") }));
  return [
    h("dl", { class: "report-view__totals" },
      fact(t("report.co2e"), `${number(sums.co2e_kg)} kg`),
      fact(t("report.saved"), kronor(sums.saved_ore)),
      fact(t("report.waste"), `${number(sums.waste_kg)} kg`),
      fact(t("report.reuses"), number(sums.reuses))),
    comparison(report),
    h("h2", { text: t("report.trend") }),
    chart("trend", "report-months"),
    table("report-months", t("report.trend"), [t("report.month"), t("report.col_co2e"), t("report.col_saved"),
      t("report.reuses")],
      report.months.map((m) => [m.month, number(m.co2e_kg), kronor(m.saved_ore), number(m.reuses)])),
    h("h2", { text: t("report.categories") }),
    chart("categories", "report-categories"),
    table("report-categories", t("report.categories"), [t("report.category"), t("report.col_co2e"), t("report.reuses")],
      report.by_category.map((r) => [categoryName(r), number(r.co2e_kg), number(r.reuses)])),
    view === "municipality" ? [
      h("h2", { text: t("report.units") }),
      table("report-units", t("report.units"), [t("report.unit"), t("report.col_co2e"), t("report.col_saved"),
        t("report.reuses")],
      report.by_unit.map((r) => [softHyphens(r.label), number(r.co2e_kg), kronor(r.saved_ore), number(r.reuses)])),
    ] : [],
    h("h2", { text: t("report.checks") }),
    chart("checks", "report-checks"),
    table("report-checks", t("report.checks"), [t("report.outcome"), t("report.count")],
      OUTCOMES.map((k) => [t(`check.decision_${k}`), number(report.checks[k])])),
    h("p", { text: t("report.checks_saved", { share: Math.round(report.checks.reuse_share * 100),
      saved: kronor(report.checks.saved_ore) }) }),
    view === "municipality" ? unitChecks(report.check_units) : [],
    // Only the network view has the per-municipality part (a bare `false` would show as text).
    view === "network" ? [
      h("h2", { text: t("report.municipalities") }),
      chart("municipalities", "report-municipalities"),
      table("report-municipalities", t("report.municipalities"), [t("report.municipality"), t("report.col_co2e"),
        t("report.reuses")], report.municipalities.map((m) => [m.municipality, number(m.co2e_kg), number(m.reuses)])),
    ] : [],
    workHours(report.work),
    h("h2", { text: t("report.factors") }),
    h("ul", { class: "report-view__factors" }, report.factors.map(factorItem)),
    h("p", {}, h("a", { href: "/miljofaktorer", text: t("factors.link") })),
    h("p", { class: "report-view__downloads" },
      h("a", { class: "button", href: `/api/impact/report.pdf?${query}&lang=${getLanguage()}`, download: "",
        text: t("report.pdf") }), " ",
      h("a", { class: "button button--secondary", href: `/api/impact/report/csv?${query}&lang=${getLanguage()}`, download: "",
        text: t("report.csv") })),
  ];
}

/**
 * This period's key figures beside the previous period of the same length, with the change.
 * @param {Report} report
 */
function comparison(report) {
  const before = report.previous;
  const percent = new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 0, signDisplay: "exceptZero" });
  const change = (/** @type {number|null} */ value) => value === null ? t("report.change_none") : percent.format(value);
  const rows = [
    [t("report.col_co2e"), number(report.totals.co2e_kg), number(before.totals.co2e_kg), change(before.change.co2e_kg)],
    [t("report.col_saved"), kronor(report.totals.saved_ore), kronor(before.totals.saved_ore), change(before.change.saved_ore)],
    [t("report.reuses"), number(report.totals.reuses), number(before.totals.reuses), change(before.change.reuses)],
  ];
  // One card per key figure (now, before, change), so a phone shows every figure without scrolling sideways.
  return [
    h("h2", { id: "report-comparison-title", text: t("report.comparison") }),
    h("p", { text: t("report.comparison_caption", { from: before.from_month, to: before.to_month }) }),
    h("ul", { class: "report-view__units report-view__comparison", "aria-labelledby": "report-comparison-title" },
      rows.map(([name, now, then, delta]) => h("li", { class: "report-view__unit" },
        h("h3", { class: "report-view__unit-name", text: name }),
        h("dl", { class: "report-view__unit-facts" },
          fact(t("report.this_period"), now), fact(t("report.previous_period"), then), fact(t("report.change"), delta))))),
  ];
}

/** @param {Totals & {key: string, label: string, label_en: string}} row the category's name in the page's language */
function categoryName(row) {
  return (getLanguage() === "en" ? row.label_en : row.label) || row.key;
}

/** One factor the report used: its category, version, source and boundary, in the page's language. */
function factorItem(/** @type {Report["factors"][number]} */ f) {
  const text = getLanguage() === "en" ? f.en : f.sv;
  const kind = t(f.own ? "report.own" : "report.national");
  return h("li", { class: "report-view__factor" },
    h("strong", { text: text.category }), ` (${t("report.version", { version: f.version })}, ${kind})`,
    h("br"), `${t("report.source")}: ${text.source}`,
    h("br"), `${t("report.boundary")}: ${text.boundary}`);
}

/** @param {string} term @param {string} value */
function fact(term, value) {
  return h("div", { class: "report-view__fact" }, h("dt", { text: term }), h("dd", { text: value }));
}

/**
 * A data table in a box that scrolls sideways on a phone; the box takes keyboard focus, so the
 * columns beyond the edge can be reached without a mouse (WCAG 2.1.1).
 * @param {string} id @param {string} caption @param {string[]} head @param {string[][]} rows
 */
function table(id, caption, head, rows) {
  return h("div", { class: "report-view__table-wrap", tabindex: "0", role: "region",
                    "aria-labelledby": `${id}-caption` }, h("table", { id, class: "report-view__table" },
    h("caption", { id: `${id}-caption`, text: caption }),
    h("thead", {}, h("tr", {}, head.map((c) => h("th", { scope: "col", text: c })))),
    h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c, i) => h(i ? "td" : "th", i ? { text: c } : { scope: "row", text: c })))))));
}
