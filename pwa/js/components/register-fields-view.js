/**
 * The admin's own register fields (/admin/faltlista): the fields every item's register card can
 * have besides the standard ones (text, number, date, or a list of choices), added and removed here.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { api } from "../api.js";
import { adminPage } from "./admin-page.js";

const MAX_FIELDS = 30;
const KINDS = ["text", "number", "date", "list"];

/** @returns {HTMLElement} */
export function registerFieldsView() {
  const list = h("ul", { class: "register-fields-view__list", "aria-labelledby": "register-fields-current" });
  const name = h("input", { id: "field-name", class: "field__input", maxlength: 60, required: true,
                            "aria-describedby": "field-name-error" });
  const nameError = h("p", { class: "field__error", id: "field-name-error" });
  const kind = h("select", { id: "field-kind", class: "field__input" },
    KINDS.map((k) => h("option", { value: k, text: t(`fields.kind_${k}`) })));
  const options = h("textarea", { id: "field-options", class: "field__input", rows: 4,
                                  "aria-describedby": "field-options-hint field-options-error" });
  const optionsError = h("p", { class: "field__error", id: "field-options-error" });
  const optionsField = h("div", { class: "field", hidden: true },
    h("label", { class: "field__label", for: "field-options", text: t("fields.options") }),
    h("p", { class: "register-fields-view__hint", id: "field-options-hint", text: t("fields.options_hint") }),
    options, optionsError);
  const form = h("form", { class: "register-fields-view__form", novalidate: true },
    h("div", { class: "field" }, h("label", { class: "field__label", for: "field-name", text: t("fields.name") }),
      name, nameError),
    h("div", { class: "field" }, h("label", { class: "field__label", for: "field-kind", text: t("fields.kind") }), kind),
    optionsField,
    h("button", { type: "submit", class: "button button--primary", text: t("fields.add") }));
  const page = adminPage({ id: "register-fields-view", titleKey: "fields.title",
                           intro: t("fields.intro", { max: MAX_FIELDS }) },
    h("h2", { id: "register-fields-current", class: "register-fields-view__heading", text: t("fields.current") }),
    list, h("h2", { class: "register-fields-view__heading", text: t("fields.new") }), form);

  kind.addEventListener("change", () => { optionsField.hidden = kind.value !== "list"; });

  /** @param {any[]} fields FieldRead rows */
  function show(fields) {
    list.replaceChildren(...(fields.length ? fields.map((f) => h("li", { class: "register-fields-view__item" },
      h("div", {}, h("p", { class: "register-fields-view__name", text: f.name }),
        h("p", { class: "register-fields-view__kind", text: f.kind === "list"
          ? t("fields.list_of", { options: f.options.join(", ") }) : t(`fields.kind_${f.kind}`) })),
      h("button", { type: "button", class: "button button--secondary", text: t("fields.remove", { name: f.name }),
                    onclick: () => remove(f) })))
      : [h("li", { class: "register-fields-view__none", text: t("fields.none") })]));
  }

  async function load() {
    page.busy(true);
    try {
      show(await api("/api/register-fields"));
    } catch (failure) {
      page.refuse(failure);
    } finally {
      page.busy(false);
    }
  }

  /** @param {any} field */
  async function remove(field) {
    if (!window.confirm(t("fields.remove_confirm", { name: field.name }))) return;
    try {
      await api(`/api/register-fields/${encodeURIComponent(field.id)}`, { method: "DELETE" });
      page.say(t("fields.removed", { name: field.name }));
      await load();
    } catch (failure) {
      page.refuse(failure);
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const [input, error] of [[name, nameError], [options, optionsError]]) {
      error.textContent = "";
      input.removeAttribute("aria-invalid");
    }
    const choices = kind.value === "list"
      ? [...new Set(options.value.split("\n").map((o) => o.trim()).filter(Boolean))] : [];
    if (!name.value.trim()) {
      nameError.textContent = t("fields.name_needed");
      name.setAttribute("aria-invalid", "true");
      return name.focus();
    }
    if (kind.value === "list" && !choices.length) {
      optionsError.textContent = t("fields.options_needed");
      options.setAttribute("aria-invalid", "true");
      return options.focus();
    }
    try {
      const added = await api("/api/register-fields", { method: "POST",
                                                        body: { name: name.value.trim(), kind: kind.value, options: choices } });
      page.say(t("fields.added", { name: added.name }));
      form.reset();
      optionsField.hidden = true;
      await load();
    } catch (failure) {
      page.refuse(failure);
    }
  });

  queueMicrotask(load);
  return page.element;
}
