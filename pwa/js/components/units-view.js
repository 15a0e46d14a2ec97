/**
 * Units and their cost centres (/admin/enheter): the municipality's förvaltningar and enheter,
 * a new one, a new name or cost centre. Changes carry the version that was read, so two admins
 * editing one unit at once cannot overwrite each other unseen. Everyone may read the units (the
 * server allows it); only admins get the forms, and the server refuses anyone else's change.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { currentUser } from "../session.js";
import { costCentreProblem, nameProblem } from "../admin-rules.js";
import { adminPage } from "./admin-page.js";
import { checkedField, textInput } from "./checked-field.js";

/** @typedef {{id: string, name: string, cost_centre: string, version: number}} Unit */

/** @returns {HTMLElement} */
export function unitsView() {
  const admin = Boolean(currentUser()?.roles?.includes("admin"));
  const list = h("ul", { class: "units-view__list", "aria-labelledby": "units-view-list" });
  const heading = h("h2", { id: "units-view-list", tabindex: "-1", text: t("admin.units_list") });
  const create = unitForm({ idPrefix: "unit-new", submitKey: "admin.unit_create", onSubmit: createUnit });
  const page = adminPage({ id: "units-view", titleKey: "admin.units_title", intro: t("admin.units_intro") },
    admin ? h("details", { class: "admin-page__create" },
      h("summary", { class: "admin-page__summary", text: t("admin.unit_new") }), create.form)
      : h("p", { class: "admin-page__note", text: t("admin.admins_only") }),
    heading, list);
  /** A new unit's id, kept until it is created so a retried send cannot make two. */
  let clientId = crypto.randomUUID();

  /** @param {string} [focusId] the unit whose heading gets focus afterwards */
  async function load(focusId) {
    page.busy(true);
    try {
      /** @type {Unit[]} */
      const units = await api("/api/units");
      heading.textContent = t("admin.units_list_count", { count: units.length });
      list.replaceChildren(...units.map(unitCard));
      if (focusId) /** @type {HTMLElement | null} */ (list.querySelector(`#unit-${focusId}`))?.focus();
      return true;
    } catch (error) {
      page.refuse(error);
      return false;
    } finally {
      page.busy(false);
    }
  }

  /** @param {{name: string, cost_centre: string}} values */
  async function createUnit(values) {
    const unit = await api("/api/units", { method: "POST", body: { id: clientId, ...values } });
    clientId = crypto.randomUUID();
    create.form.reset();
    await load();
    page.say(t("admin.unit_created", { name: unit.name, cost_centre: unit.cost_centre || t("admin.none") }));
  }

  /** @param {Unit} unit */
  function unitCard(unit) {
    const titleId = `unit-${unit.id}`;
    const details = admin ? h("details", { class: "units-view__edit" },
      h("summary", { class: "admin-page__summary", text: t("admin.unit_change", { name: unit.name }) })) : null;
    // Built when first opened, so only the open unit's fields are in the page.
    details?.addEventListener("toggle", () => {
      if (details.open && !details.querySelector("form")) details.append(unitForm({
        idPrefix: `unit-${unit.id}-edit`, submitKey: "admin.save", unit,
        onSubmit: (values) => updateUnit(unit, values) }).form);
    });
    return h("li", { class: "units-view__unit", "aria-labelledby": titleId },
      h("h3", { id: titleId, class: "units-view__name", tabindex: "-1", text: unit.name }),
      h("p", { class: "units-view__cost-centre",
               text: t("admin.cost_centre_value", { cost_centre: unit.cost_centre || t("admin.none") }) }),
      details);
  }

  /** @param {Unit} unit @param {{name: string, cost_centre: string}} values */
  async function updateUnit(unit, values) {
    /** @type {Record<string, any>} */
    const body = { version: unit.version };
    if (values.name !== unit.name) body.name = values.name;
    if (values.cost_centre !== unit.cost_centre) body.cost_centre = values.cost_centre;
    if (Object.keys(body).length === 1) {
      page.say(t("admin.nothing_changed"));
      return;
    }
    try {
      const saved = await api(`/api/units/${unit.id}`, { method: "PATCH", body });
      await load(saved.id);
      page.say(t("admin.unit_saved", { name: saved.name, cost_centre: saved.cost_centre || t("admin.none") }));
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "stale_version") throw error;
      // Someone else saved first: show what is there now and let the admin decide again.
      if (await load(unit.id)) page.warn(t("admin.unit_stale", { name: unit.name }));
    }
  }

  queueMicrotask(() => load());
  return page.element;
}

/**
 * The name and cost centre of a unit, checked before sending; the server's refusal of a taken
 * name is shown at the name, anything else in the form's own alert.
 * @param {object} props
 * @param {string} props.idPrefix
 * @param {string} props.submitKey
 * @param {Unit} [props.unit] the unit being changed (its values fill the form)
 * @param {(values: {name: string, cost_centre: string}) => Promise<void>} props.onSubmit
 */
function unitForm({ idPrefix, submitKey, unit, onSubmit }) {
  const name = checkedField(`${idPrefix}-name`, "admin.unit_name",
    textInput({ name: "name", maxlength: "200", required: true, value: unit?.name ?? "" }));
  const costCentre = checkedField(`${idPrefix}-cost-centre`, "admin.cost_centre",
    textInput({ name: "cost_centre", maxlength: "40", value: unit?.cost_centre ?? "", spellcheck: "false" }),
    "admin.cost_centre_hint");
  const problem = h("p", { class: "admin-page__problem", role: "alert" });
  const submit = h("button", { type: "submit", class: "button button--primary", text: t(submitKey) });
  const form = /** @type {HTMLFormElement} */ (h("form", { class: "admin-form", novalidate: true },
    name.element, costCentre.element, problem, submit));
  let busy = false;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    problem.textContent = "";
    const values = { name: name.input.value.trim(), cost_centre: costCentre.input.value.trim() };
    const firstBad = [name.check(nameProblem(values.name, "admin.unit_name_missing")),
                      costCentre.check(costCentreProblem(values.cost_centre))].find(Boolean);
    if (firstBad) {
      firstBad.focus();
      return;
    }
    busy = true;
    submit.setAttribute("aria-disabled", "true");
    try {
      await onSubmit(values);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === "name_taken") name.check(errorText(error))?.focus();
      else problem.textContent = errorText(error);
    } finally {
      busy = false;
      submit.removeAttribute("aria-disabled");
    }
  });
  return { form };
}
