/**
 * The admin's screen for signing in with the municipality's account (/admin/inloggning): the
 * OpenID Connect provider, the e-mail domains routed to it, and how its claims map to a unit and
 * to roles. The client secret is write-only: the server says only whether one is stored.
 */
import { h, replaceChildren } from "../dom.js";
import { t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { currentUser } from "../session.js";
import { adminPage } from "./admin-page.js";
import { checkedField } from "./checked-field.js";
import { confirmButton } from "./confirm-button.js";
import { ROLES } from "./role-choices.js";

const DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const ISSUER = /^(https:\/\/[^\s/?#]+|http:\/\/(127\.0\.0\.1|localhost)(:[0-9]+)?)(\/[^\s?#]*)?$/;
let rowCounter = 0;

/** @param {Array<{id: string, name: string}>} units @param {string} [selected] */
function unitSelect(units, selected) {
  return /** @type {HTMLSelectElement} */ (h("select", {},
    units.map((u) => h("option", { value: u.id, text: u.name, selected: u.id === selected }))));
}

/** @returns {HTMLElement} */
export function ssoSettingsView() {
  const municipality = currentUser()?.municipality?.name ?? "";
  const body = h("div", { class: "sso-settings" });
  const page = adminPage({ id: "sso-settings", titleKey: "sso.title", intro: t("sso.intro", { municipality }) }, body);
  /** @type {any} */
  let current = null;

  async function load() {
    page.busy(true);
    try {
      const [settings, units] = await Promise.all([api("/api/sso/provider"), api("/api/units")]);
      current = settings;
      render(settings, units);
    } catch (error) {
      page.refuse(error);
    } finally {
      page.busy(false);
    }
  }

  /** @param {any} settings @param {Array<{id: string, name: string}>} units */
  function render(settings, units) {
    const p = settings.provider;
    const issuer = checkedField("sso-issuer", "sso.issuer", h("input", { type: "url", value: p?.issuer ?? "",
      autocomplete: "off", spellcheck: "false" }), "sso.issuer_hint");
    const clientId = checkedField("sso-client-id", "sso.client_id", h("input", { type: "text", value: p?.client_id ?? "",
      autocomplete: "off", spellcheck: "false" }));
    const secret = checkedField("sso-client-secret", "sso.client_secret", h("input", { type: "password",
      autocomplete: "new-password" }), p?.client_secret_set ? "sso.client_secret_kept" : "sso.client_secret_new");
    const displayName = checkedField("sso-display-name", "sso.display_name", h("input", { type: "text",
      value: p?.display_name ?? "" }), "sso.display_name_hint");
    const domains = checkedField("sso-domains", "sso.domains", h("textarea", { rows: "3", spellcheck: "false" }),
      "sso.domains_hint");
    domains.input.value = (p?.domains ?? []).join("\n");
    const enabled = /** @type {HTMLInputElement} */ (h("input", { type: "checkbox", id: "sso-enabled",
      checked: p ? p.enabled : true }));
    const defaultUnit = checkedField("sso-default-unit", "sso.default_unit", unitSelect(units, p?.default_unit_id));
    const unitClaim = checkedField("sso-unit-claim", "sso.unit_claim", h("input", { type: "text",
      value: p?.unit_claim ?? "department", spellcheck: "false" }), "sso.unit_claim_hint");
    const roleClaim = checkedField("sso-role-claim", "sso.role_claim", h("input", { type: "text",
      value: p?.role_claim ?? "groups", spellcheck: "false" }), "sso.role_claim_hint");
    const unitRows = h("ol", { class: "sso-settings__rows" });
    const roleRows = h("ol", { class: "sso-settings__rows" });

    /** @param {{value: string, unit_id?: string}} row */
    function addUnitRow(row) {
      const n = ++rowCounter;
      const value = h("input", { type: "text", id: `sso-unit-value-${n}`, class: "field__input", value: row.value });
      const unit = unitSelect(units, row.unit_id);
      unit.id = `sso-unit-unit-${n}`;
      unit.className = "field__input";
      const item = h("li", { class: "sso-settings__row", "data-kind": "unit" }, h("fieldset", { class: "sso-settings__fields" },
        h("legend", { class: "sso-settings__legend", text: t("sso.row", { number: unitRows.children.length + 1 }) }),
        h("div", { class: "field" }, h("label", { for: value.id, class: "field__label", text: t("sso.value") }), value),
        h("div", { class: "field" }, h("label", { for: unit.id, class: "field__label", text: t("sso.unit") }), unit),
        removeButton(() => item.remove(), unitRows)));
      unitRows.append(item);
      return value;
    }

    /** @param {{value: string, roles?: string[]}} row */
    function addRoleRow(row) {
      const n = ++rowCounter;
      const value = h("input", { type: "text", id: `sso-role-value-${n}`, class: "field__input", value: row.value });
      const boxes = ROLES.map((role) => h("li", { class: "sso-settings__role" },
        h("input", { type: "checkbox", id: `sso-role-${n}-${role}`, value: role,
                     checked: (row.roles ?? []).includes(role) }),
        h("label", { for: `sso-role-${n}-${role}`, text: t(`role.${role}`) })));
      const item = h("li", { class: "sso-settings__row", "data-kind": "role" }, h("fieldset", { class: "sso-settings__fields" },
        h("legend", { class: "sso-settings__legend", text: t("sso.row", { number: roleRows.children.length + 1 }) }),
        h("div", { class: "field" }, h("label", { for: value.id, class: "field__label", text: t("sso.value") }), value),
        h("fieldset", { class: "sso-settings__roles" }, h("legend", { class: "field__label", text: t("sso.roles") }),
          h("ul", { class: "sso-settings__role-list" }, boxes)),
        removeButton(() => item.remove(), roleRows)));
      roleRows.append(item);
      return value;
    }

    for (const row of p?.unit_map ?? []) addUnitRow(row);
    for (const row of p?.role_map ?? []) addRoleRow(row);

    const form = h("form", { class: "sso-settings__form", novalidate: true },
      h("fieldset", { class: "sso-settings__group" }, h("legend", { text: t("sso.connection") }),
        issuer.element, clientId.element, secret.element, displayName.element, domains.element,
        h("p", { class: "sso-settings__check" }, enabled, h("label", { for: "sso-enabled", text: t("sso.enabled") }))),
      h("fieldset", { class: "sso-settings__group" }, h("legend", { text: t("sso.mapping") }),
        defaultUnit.element, unitClaim.element,
        h("h2", { class: "sso-settings__subtitle", text: t("sso.unit_map") }), unitRows,
        h("button", { type: "button", class: "button button--secondary", text: t("sso.add_unit_row"),
                      onclick: () => addUnitRow({ value: "" }).focus() }),
        roleClaim.element,
        h("h2", { class: "sso-settings__subtitle", text: t("sso.role_map") }), roleRows,
        h("button", { type: "button", class: "button button--secondary", text: t("sso.add_role_row"),
                      onclick: () => addRoleRow({ value: "" }).focus() })),
      h("button", { type: "submit", class: "button button--primary", text: t("sso.save") }));

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const domainList = domains.input.value.split(/[\s,;]+/).map((d) => d.trim().toLowerCase()).filter(Boolean);
      const unitMap = [...unitRows.querySelectorAll("li")].map((li) => ({
        value: /** @type {HTMLInputElement} */ (li.querySelector("input")).value.trim(),
        unit_id: /** @type {HTMLSelectElement} */ (li.querySelector("select")).value }));
      const roleMap = [...roleRows.querySelectorAll(":scope > li")].map((li) => ({
        value: /** @type {HTMLInputElement} */ (li.querySelector("input[type=text]")).value.trim(),
        roles: [...li.querySelectorAll("input[type=checkbox]:checked")].map((b) => /** @type {HTMLInputElement} */ (b).value) }));
      const problems = [
        issuer.check(!issuer.input.value.trim() ? t("sso.required", { field: t("sso.issuer") })
          : ISSUER.test(issuer.input.value.trim()) ? "" : t("sso.issuer_bad")),
        clientId.check(clientId.input.value.trim() ? "" : t("sso.required", { field: t("sso.client_id") })),
        secret.check(secret.input.value || p?.client_secret_set ? "" : t("sso.required", { field: t("sso.client_secret") })),
        displayName.check(displayName.input.value.trim() ? "" : t("sso.required", { field: t("sso.display_name") })),
        domains.check(!domainList.length ? t("sso.required", { field: t("sso.domains") })
          : domainList.every((d) => DOMAIN.test(d)) ? "" : t("sso.domains_bad")),
      ];
      const badRow = unitMap.some((r) => !r.value || !r.unit_id) ? t("sso.row_incomplete", { what: t("sso.unit") })
        : roleMap.some((r) => !r.value || !r.roles.length) ? t("sso.row_incomplete", { what: t("sso.roles") }) : "";
      const first = problems.find(Boolean);
      if (first || badRow) {
        if (badRow && !first) page.warn(badRow);
        (first ?? /** @type {HTMLElement} */ (form.querySelector(".sso-settings__rows input")))?.focus();
        return;
      }
      try {
        const saved = await api("/api/sso/provider", { method: "PUT", body: {
          version: current?.provider?.version ?? 0, issuer: issuer.input.value.trim(),
          client_id: clientId.input.value.trim(), client_secret: secret.input.value || null,
          display_name: displayName.input.value.trim(), domains: domainList, enabled: enabled.checked,
          default_unit_id: defaultUnit.input.value, unit_claim: unitClaim.input.value.trim(), unit_map: unitMap,
          role_claim: roleClaim.input.value.trim(), role_map: roleMap } });
        current = saved;
        render(saved, units);
        page.say(t("sso.saved"));
      } catch (error) {
        if (error instanceof ApiError && error.code === "stale_version") {
          await load();
          page.warn(t("sso.reloaded"));
        } else page.refuse(error);
      }
    });

    const register = h("section", { class: "sso-settings__register", "aria-labelledby": "sso-register-title" },
      h("h2", { id: "sso-register-title", text: t("sso.register") }),
      h("dl", {},
        h("dt", { text: t("sso.redirect_uri") }), h("dd", {}, h("code", { text: settings.redirect_uri })),
        h("dt", { text: t("sso.post_logout_uri") }), h("dd", {}, h("code", { text: settings.post_logout_redirect_uri }))));
    replaceChildren(body,
      settings.secret_key_set ? null : h("p", { class: "sso-settings__warning", text: t("sso.no_secret_key") }),
      register, form,
      p ? confirmButton({ label: t("sso.remove"), question: t("sso.remove_confirm"), yes: t("sso.remove"),
        onConfirm: async () => {
          try {
            await api("/api/sso/provider", { method: "DELETE" });
            await load();
            page.say(t("sso.removed"));
          } catch (error) {
            page.refuse(error);
          }
        } }) : null);
  }

  queueMicrotask(load);
  return page.element;
}

/** @param {() => void} remove @param {HTMLElement} list the rows, which get focus after */
function removeButton(remove, list) {
  return h("button", { type: "button", class: "button button--secondary sso-settings__remove", text: t("sso.remove_row"),
    onclick: () => {
      remove();
      /** @type {HTMLElement | null} */ (list.querySelector("input"))?.focus();
    } });
}
