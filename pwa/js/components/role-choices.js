/**
 * The roles a user holds, as a group of check boxes with a line on what each role does. A user
 * needs at least one role (the API's rule); the group shows that mistake like a field does.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

export const ROLES = ["employee", "warehouse", "driver", "coordinator", "admin", "reporter"];

/**
 * @param {string} idPrefix unique on the page
 * @param {string[]} selected roles ticked to start with
 * @returns {{element: HTMLElement, values: () => string[], check: (message: string) => HTMLElement | null}}
 */
export function roleChoices(idPrefix, selected) {
  const boxes = ROLES.map((role) => /** @type {HTMLInputElement} */ (h("input", {
    type: "checkbox", id: `${idPrefix}-${role}`, name: "roles", value: role, class: "role-choices__box",
    checked: selected.includes(role), "aria-describedby": `${idPrefix}-${role}-hint` })));
  const error = h("p", { id: `${idPrefix}-error`, class: "field__error", hidden: true });
  const element = h("fieldset", { class: "role-choices" },
    h("legend", { class: "field__label", text: t("admin.roles") }),
    error,
    h("ul", { class: "role-choices__list" }, ROLES.map((role, i) => h("li", { class: "role-choices__item" },
      boxes[i],
      h("label", { for: boxes[i].id, class: "role-choices__name", text: t(`role.${role}`) }),
      h("p", { id: `${idPrefix}-${role}-hint`, class: "role-choices__hint", text: t(`admin.role_hint_${role}`) })))));
  return {
    element,
    values: () => boxes.filter((box) => box.checked).map((box) => box.value),
    check(message) {
      error.textContent = message;
      error.hidden = !message;
      if (message) element.setAttribute("aria-describedby", error.id);
      else element.removeAttribute("aria-describedby");
      for (const box of boxes) {
        if (message) box.setAttribute("aria-invalid", "true");
        else box.removeAttribute("aria-invalid");
      }
      return message ? boxes[0] : null;
    },
  };
}
