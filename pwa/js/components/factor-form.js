/**
 * An admin's own CO2e factor for a category (POST /api/impact/factors): a new version in force
 * from now. Figures take a decimal comma ("72,5"); each mistake is told next to its field and
 * the first one gets focus, so nothing is sent that the server would refuse for a typing error.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { checkedField as field } from "./checked-field.js";

// The limits of schemas.FactorOverride, in the units the form asks for.
const MAX_CO2E_PIECE = 100_000;
const MAX_CO2E_PER_KG = 1_000;
const MAX_WEIGHT = 100_000;
const MAX_PRICE_KR = 100_000_000;
const MAX_TEXT = 200;

/**
 * A number as people type it: "72,5", "72.5", "4 500"; NaN for anything else.
 * @param {string} text
 * @returns {number}
 */
export function parseDecimal(text) {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "").replace("\u2212", "-");
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(compact)) return Number.NaN;
  return Number(compact.replace(",", "."));
}

/** @param {number | null} value @returns {string} a figure as the form shows it (comma in Swedish) */
function typed(value) {
  if (value === null || value === undefined) return "";
  return getLanguage() === "sv" ? String(value).replace(".", ",") : String(value);
}

/** @param {number} value */
function plain(value) {
  return new Intl.NumberFormat(getLanguage() === "en" ? "en-GB" : "sv-SE").format(value);
}

/**
 * @typedef {object} Factor as GET /api/impact/factors lists it
 * @property {string} category_slug
 * @property {number} version
 * @property {boolean} own
 * @property {number | null} co2e_kg
 * @property {number | null} co2e_kg_per_kg
 * @property {number | null} typical_weight_kg
 * @property {number} new_price_ore
 * @property {string} source
 * @property {string} boundary
 * @property {string} valid_from
 * @property {{category: string, source: string, boundary: string}} sv the source and boundary as read in Swedish
 * @property {{category: string, source: string, boundary: string}} en the same in English
 */

/**
 * @param {{onSaved: (factor: Factor) => void}} props called with the new version
 * @returns {{element: HTMLElement, setChoices: (choices: {slug: string, name: string, sub: boolean}[]) => void,
 *   setCurrent: (current: Map<string, Factor>) => void, edit: (slug: string) => void}}
 */
export function factorForm({ onSaved }) {
  const text = (/** @type {Record<string, any>} */ attrs) =>
    h("input", { type: "text", autocomplete: "off", ...attrs });
  const select = h("select", { name: "category_slug", required: true });
  const category = field("factor-category", "factors.category", select);
  const basis = h("fieldset", { class: "factor-form__basis" }, h("legend", { text: t("factors.basis") }),
    ["piece", "kg"].map((value) => h("label", { class: "factor-form__choice" },
      h("input", { type: "radio", name: "basis", value, checked: value === "piece" }), " ",
      t(`factors.basis_${value}`))));
  const co2e = field("factor-co2e", "factors.co2e_piece", text({ name: "co2e", inputmode: "decimal", required: true }),
    "factors.decimal_hint");
  const weight = field("factor-weight", "factors.weight_kg", text({ name: "weight", inputmode: "decimal" }),
    "factors.weight_hint");
  const price = field("factor-price", "factors.price_kr",
    text({ name: "price", inputmode: "decimal", required: true }));
  const source = field("factor-source", "factors.source_label",
    text({ name: "source", maxlength: MAX_TEXT, required: true }), "factors.source_hint");
  const boundary = field("factor-boundary", "factors.boundary_label", text({ name: "boundary", maxlength: MAX_TEXT }),
    "factors.boundary_hint");
  const problem = h("p", { id: "factor-form-problem", class: "factor-form__problem", role: "alert" });
  const submit = h("button", { type: "submit", class: "button button--primary", text: t("factors.save") });
  const form = /** @type {HTMLFormElement} */ (h("form", { class: "factor-form__form", novalidate: true,
                                                          "aria-labelledby": "factor-form-title" },
    category.element, basis, co2e.element, weight.element, price.element, source.element, boundary.element,
    problem, submit));
  const element = h("section", { class: "factor-form", "aria-labelledby": "factor-form-title" },
    h("h2", { id: "factor-form-title", text: t("factors.form_title") }),
    h("p", { text: t("factors.form_intro") }), form);

  /** @type {Map<string, Factor>} */
  let current = new Map();
  const perKg = () =>
    /** @type {HTMLInputElement | null} */ (form.querySelector("input[name=basis]:checked"))?.value === "kg";
  const showBasis = () => { co2e.label.textContent = t(perKg() ? "factors.co2e_kg" : "factors.co2e_piece"); };

  /** Start from the figures in force for the category, so an admin changes only what differs. */
  function prefill(/** @type {string} */ slug) {
    const factor = current.get(slug);
    const kg = factor ? factor.co2e_kg === null : false;
    for (const radio of form.querySelectorAll("input[name=basis]")) {
      /** @type {HTMLInputElement} */ (radio).checked = /** @type {HTMLInputElement} */ (radio).value ===
        (kg ? "kg" : "piece");
    }
    co2e.input.value = typed(factor ? (kg ? factor.co2e_kg_per_kg : factor.co2e_kg) : null);
    weight.input.value = typed(factor ? factor.typical_weight_kg : null);
    price.input.value = typed(factor ? factor.new_price_ore / 100 : null);
    // A national default's source and boundary are not the municipality's: the admin names their own.
    source.input.value = factor?.own ? factor.source : "";
    boundary.input.value = factor?.own ? factor.boundary : "";
    for (const f of [category, co2e, weight, price, source, boundary]) f.check("");
    showBasis();
  }

  select.addEventListener("change", () => prefill(/** @type {HTMLSelectElement} */ (select).value));
  basis.addEventListener("change", showBasis);

  /**
   * @param {{input: HTMLInputElement}} f
   * @param {{required?: boolean, missing?: string, max: number, zero?: boolean}} rule zero: 0 is allowed
   * @returns {{value: number | null, message: string}}
   */
  function figure(f, { required = false, missing = "", max, zero = false }) {
    const raw = f.input.value.trim();
    if (!raw) return { value: null, message: required ? t(missing) : "" };
    const value = parseDecimal(raw);
    if (Number.isNaN(value)) return { value, message: t("factors.not_a_number") };
    if (zero ? value < 0 : value <= 0) return { value, message: t(zero ? "factors.negative" : "factors.not_positive") };
    if (value > max) return { value, message: t("factors.too_large", { max: plain(max) }) };
    return { value, message: "" };
  }

  /** @returns {Record<string, any> | null} the override as the API takes it, or null after showing why not */
  function collect() {
    const slug = /** @type {HTMLSelectElement} */ (select).value;
    const amount = figure(co2e, { required: true, missing: "factors.co2e_missing",
                                  max: perKg() ? MAX_CO2E_PER_KG : MAX_CO2E_PIECE });
    const kg = figure(weight, { max: MAX_WEIGHT });
    const kr = figure(price, { required: true, missing: "factors.price_missing", max: MAX_PRICE_KR, zero: true });
    const named = source.input.value.trim();
    const bounds = boundary.input.value.trim();
    const long = t("factors.too_long", { max: MAX_TEXT });
    const firstBad = [
      category.check(slug ? "" : t("factors.category_missing")),
      co2e.check(amount.message),
      weight.check(kg.message),
      price.check(kr.message),
      source.check(!named ? t("factors.source_missing") : named.length > MAX_TEXT ? long : ""),
      boundary.check(bounds.length > MAX_TEXT ? long : ""),
    ].find(Boolean);
    if (firstBad) {
      firstBad.focus();
      return null;
    }
    return { category_slug: slug, [perKg() ? "co2e_kg_per_kg" : "co2e_kg"]: amount.value,
             typical_weight_kg: kg.value, new_price_ore: Math.round(Number(kr.value) * 100), source: named,
             boundary: bounds };
  }

  let busy = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    problem.textContent = "";
    const body = collect();
    if (!body) return;
    busy = true;
    submit.setAttribute("aria-disabled", "true");
    submit.textContent = t("factors.saving");
    try {
      const saved = await api("/api/impact/factors", { method: "POST", body });
      form.reset();
      showBasis();
      onSaved(saved);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // The server is the authority (only admins may override): its refusal is shown by its code.
      problem.textContent = errorText(error);
    } finally {
      busy = false;
      submit.removeAttribute("aria-disabled");
      submit.textContent = t("factors.save");
    }
  });

  return {
    element,
    setChoices(choices) {
      const chosen = /** @type {HTMLSelectElement} */ (select).value;
      select.replaceChildren(h("option", { value: "", text: t("factors.choose_category") }),
        ...choices.map((c) => h("option", { value: c.slug, text: c.sub ? `\u2003${c.name}` : c.name,
                                             selected: c.slug === chosen })));
    },
    setCurrent(map) {
      current = map;
    },
    edit(slug) {
      /** @type {HTMLSelectElement} */ (select).value = slug;
      prefill(slug);
      problem.textContent = "";
      select.focus();
    },
  };
}
