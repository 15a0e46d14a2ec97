/**
 * An item's register card on its page (/sak/<id>): measurements, brand, inventory number, custodian
 * and the municipality's own fields, read at a glance and changed in one form. Shown to those the
 * server lets read it (warehouse staff, coordinators, admins, reporters); editing is for the first three.
 */
import { h, replaceChildren } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { currentUser } from "../session.js";

const READERS = ["warehouse", "coordinator", "admin", "reporter"];
const EDITORS = ["warehouse", "coordinator", "admin"];
const CONDITIONS = ["new", "good", "used", "worn", "broken"];
const TEXTS = /** @type {const} */ (["material", "brand", "model", "serial_number", "inventory_number"]);

/**
 * @param {{itemId: string}} props
 * @returns {HTMLElement} hidden for people the card is not for
 */
export function itemCard({ itemId }) {
  const roles = currentUser()?.roles ?? [];
  if (!roles.some((role) => READERS.includes(role))) return h("section", { class: "item-card", hidden: true });
  const canEdit = roles.some((role) => EDITORS.includes(role));
  const status = h("p", { class: "item-card__status", role: "status", "aria-live": "polite" });
  const body = h("div", { class: "item-card__body", "aria-busy": "true" }, h("p", { text: t("common.loading") }));
  const section = h("section", { class: "item-card", "aria-labelledby": "item-card-title" },
    h("h2", { id: "item-card-title", text: t("card.title") }), status, body);
  const path = `/api/items/${encodeURIComponent(itemId)}/register`;
  /** @type {any} */
  let fields = [];

  /** @param {any} card a CardRead */
  function show(card) {
    replaceChildren(body, factsOf(card),
      canEdit ? h("button", { type: "button", class: "button button--secondary", text: t("card.edit"),
                              onclick: () => edit(card) }) : null);
  }

  /** @param {any} card */
  async function edit(card) {
    status.textContent = "";
    const choices = await api("/api/items/register-choices").catch(() => ({ units: [], people: [] }));
    body.replaceChildren(cardForm(card, fields, choices, {
      save: async (/** @type {any} */ body) => {
        const saved = await api(path, { method: "PUT", body });
        show(saved);
        status.textContent = t("card.saved");
        section.querySelector("button")?.focus();
      },
      cancel: () => show(card),
    }));
    body.querySelector("input")?.focus();
  }

  Promise.all([api(path), api("/api/register-fields")])
    .then(([card, defined]) => {
      fields = defined;
      show(card);
    })
    .catch((error) => {
      if (error instanceof ApiError && error.status === 403) section.remove();
      else body.replaceChildren(h("p", { class: "item-card__error", role: "alert", text: errorText(error) }));
    })
    .finally(() => body.removeAttribute("aria-busy"));
  return section;
}

/** @param {any} card */
function factsOf(card) {
  const number = (/** @type {number} */ value, /** @type {number} */ digits = 0) =>
    value.toLocaleString(getLanguage() === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: digits });
  const sized = [card.width_cm, card.depth_cm, card.height_cm].some((v) => v !== null);
  const rows = [
    [t("card.inventory_number"), card.inventory_number],
    [t("card.measures"), sized ? t("card.measures_value", {
      width: card.width_cm ?? "?", depth: card.depth_cm ?? "?", height: card.height_cm ?? "?" }) : ""],
    [t("card.weight"), card.weight_g !== null ? t("card.weight_value", { kg: number(card.weight_g / 1000, 1) }) : ""],
    [t("card.material"), card.material], [t("card.brand"), card.brand], [t("card.model"), card.model],
    [t("card.serial_number"), card.serial_number],
    [t("card.purchase_year"), card.purchase_year ?? ""],
    [t("card.purchase_price"), card.purchase_price_ore !== null
      ? t("card.price_value", { kr: number(card.purchase_price_ore / 100, 2) }) : ""],
    [t("card.condition"), card.condition ? t(`catalog.condition_${card.condition}`) : ""],
    [t("card.custodian_unit"), card.custodian_unit?.name ?? ""],
    [t("card.custodian_person"), card.custodian_person?.name ?? ""],
    ...card.values.map((/** @type {any} */ v) => [v.name, v.kind === "date" && v.value
      ? new Date(`${v.value}T12:00:00`).toLocaleDateString(getLanguage() === "sv" ? "sv-SE" : "en-GB") : v.value]),
  ].filter(([, value]) => value !== "" && value !== null);
  if (!rows.length) return h("p", { class: "item-card__empty", text: t("card.empty") });
  return h("dl", { class: "item-card__facts" }, rows.map(([term, value]) =>
    h("div", { class: "item-card__fact" }, h("dt", { text: String(term) }), h("dd", { text: String(value) }))));
}

/**
 * @param {any} card @param {any[]} fields @param {{units: any[], people: any[]}} choices
 * @param {{save: (body: any) => Promise<void>, cancel: () => void}} actions
 */
function cardForm(card, fields, choices, { save, cancel }) {
  /** @type {Record<string, HTMLInputElement | HTMLSelectElement>} */
  const inputs = {};
  /** @type {Record<string, HTMLElement>} */
  const errors = {};
  const field = (/** @type {string} */ name, /** @type {string} */ label, /** @type {HTMLInputElement | HTMLSelectElement} */ input) => {
    input.id = `card-${name}`;
    input.classList.add("field__input");
    input.setAttribute("aria-describedby", `card-${name}-error`);
    inputs[name] = input;
    errors[name] = h("p", { class: "field__error", id: `card-${name}-error` });
    return h("div", { class: "field item-card__field" },
      h("label", { class: "field__label", for: input.id, text: label }), input, errors[name]);
  };
  const numberInput = (/** @type {number | null} */ value, /** @type {number} */ min, /** @type {number} */ max,
                       step = "1") => h("input", { type: "number", inputmode: step === "1" ? "numeric" : "decimal",
                                                   min, max, step, value: value ?? "" });
  const select = (/** @type {Array<[string, string]>} */ options, /** @type {string} */ chosen) => {
    const el = h("select", {}, options.map(([value, text]) => h("option", { value, text })));
    el.value = chosen;
    return el;
  };
  const nobody = /** @type {[string, string]} */ (["", t("card.nobody")]);
  const alert = h("p", { class: "item-card__error", role: "alert" });
  const form = h("form", { class: "item-card__form", novalidate: true },
    h("div", { class: "item-card__grid" },
      field("inventory_number", t("card.inventory_number"), h("input", { maxlength: 50, value: card.inventory_number ?? "" })),
      field("width_cm", t("card.width"), numberInput(card.width_cm ?? null, 1, 10000)),
      field("depth_cm", t("card.depth"), numberInput(card.depth_cm ?? null, 1, 10000)),
      field("height_cm", t("card.height"), numberInput(card.height_cm ?? null, 1, 10000)),
      field("weight_kg", t("card.weight"), numberInput(card.weight_g != null ? card.weight_g / 1000 : null, 0.001, 50000, "any")),
      ...TEXTS.filter((name) => name !== "inventory_number").map((name) =>
        field(name, t(`card.${name}`), h("input", { maxlength: 100, value: card[name] ?? "" }))),
      field("purchase_year", t("card.purchase_year"), numberInput(card.purchase_year ?? null, 1900, 2100)),
      field("purchase_price", t("card.purchase_price"),
            numberInput(card.purchase_price_ore != null ? card.purchase_price_ore / 100 : null, 0, 20000000, "0.01")),
      field("condition", t("card.condition"), select(
        [nobody, ...CONDITIONS.map((c) => /** @type {[string, string]} */ ([c, t(`catalog.condition_${c}`)]))],
        card.condition ?? "")),
      field("custodian_unit", t("card.custodian_unit"), select(
        [nobody, ...choices.units.map((u) => /** @type {[string, string]} */ ([u.id, u.name]))], card.custodian_unit?.id ?? "")),
      field("custodian_person", t("card.custodian_person"), select(
        [nobody, ...choices.people.map((p) => /** @type {[string, string]} */ ([p.id, p.name]))], card.custodian_person?.id ?? "")),
      ...fields.map((f) => field(`f-${f.id}`, f.name, customInput(f, card.values.find(
        (/** @type {any} */ v) => v.field_id === f.id)?.value ?? "")))),
    alert,
    h("div", { class: "item-card__actions" },
      h("button", { type: "submit", class: "button button--primary", text: t("card.save") }),
      h("button", { type: "button", class: "button button--secondary", text: t("card.cancel"), onclick: cancel })));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    alert.textContent = "";
    for (const [name, el] of Object.entries(errors)) {
      el.textContent = "";
      inputs[name].removeAttribute("aria-invalid");
    }
    /** @param {string} name @param {string} text */
    const wrong = (name, text) => {
      errors[name].textContent = text;
      inputs[name].setAttribute("aria-invalid", "true");
    };
    /** @param {string} name @param {number} scale @returns {number | null | undefined} undefined when wrong */
    const read = (name, scale = 1) => {
      const el = /** @type {HTMLInputElement} */ (inputs[name]);
      if (el.value.trim() === "" && !el.validity.badInput) return null;
      const value = Math.round(Number(el.value) * scale);
      if (!Number.isFinite(value) || el.validity.badInput || Number(el.value) < Number(el.min) ||
          Number(el.value) > Number(el.max)) {
        wrong(name, t("card.bad_number", { min: el.min, max: el.max }));
        return undefined;
      }
      return value;
    };
    const numbers = { width_cm: read("width_cm"), depth_cm: read("depth_cm"), height_cm: read("height_cm"),
                      weight_g: read("weight_kg", 1000), purchase_year: read("purchase_year"),
                      purchase_price_ore: read("purchase_price", 100) };
    const invalid = form.querySelector("[aria-invalid='true']");
    if (invalid instanceof HTMLElement) return invalid.focus();
    const body = {
      version: card.version, ...numbers,
      ...Object.fromEntries(TEXTS.map((name) => [name, inputs[name].value.trim()])),
      condition: inputs.condition.value || null,
      custodian_unit_id: inputs.custodian_unit.value || null,
      custodian_person_id: inputs.custodian_person.value || null,
      values: fields.map((f) => ({ field_id: f.id, value: inputs[`f-${f.id}`].value.trim() })),
    };
    const button = /** @type {HTMLButtonElement} */ (form.querySelector("button[type=submit]"));
    button.disabled = true;
    try {
      await save(body);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === "inventory_number_taken") {
        wrong("inventory_number", errorText(error));
        inputs.inventory_number.focus();
      } else alert.textContent = errorText(error);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

/** @param {any} definition a FieldRead @param {string} value */
function customInput(definition, value) {
  if (definition.kind === "list") {
    const el = h("select", {}, h("option", { value: "", text: t("card.nobody") }),
      definition.options.map((/** @type {string} */ o) => h("option", { value: o, text: o })));
    el.value = value;
    return el;
  }
  if (definition.kind === "date") return h("input", { type: "date", value });
  if (definition.kind === "number") return h("input", { inputmode: "decimal", maxlength: 20, value });
  return h("input", { maxlength: 200, value });
}
