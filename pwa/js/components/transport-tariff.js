/**
 * The AME's transport fee, on the planning screen: what one delivered job costs the requesting
 * unit and which unit is paid. A coordinator or admin changes it; the version that was read goes
 * along, so two people changing it at once cannot overwrite each other unseen.
 */
import { h } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { money } from "./listing-card.js";
import { field } from "./listing-search.js";

const MAX_KRONOR = 100000;

/** @returns {HTMLElement} */
export function transportTariff() {
  const summary = h("p", { class: "transport-tariff__summary" });
  const status = h("p", { class: "transport-tariff__status", role: "status", "aria-live": "polite" });
  const fee = h("input", { id: "tariff-fee", name: "fee", type: "text", inputmode: "decimal", class: "field__input",
                           "aria-describedby": "tariff-fee-hint" });
  const unit = h("select", { id: "tariff-unit", name: "unit", class: "field__input" });
  const form = h("form", { class: "transport-tariff__form", novalidate: true },
    field("tariff-fee", "tariff.fee", fee),
    h("p", { id: "tariff-fee-hint", class: "transport-tariff__hint", text: t("tariff.fee_hint") }),
    field("tariff-unit", "tariff.payee", unit),
    h("button", { type: "submit", class: "button button--primary", text: t("tariff.save") }));
  const section = h("section", { class: "transport-tariff", "aria-labelledby": "tariff-title" },
    h("h2", { id: "tariff-title", text: t("tariff.title") }), summary,
    h("details", { class: "transport-tariff__change" }, h("summary", { text: t("tariff.change") }), form), status);
  /** @type {any} the tariff as last read */
  let current = null;

  async function load() {
    const [tariff, units] = await Promise.all([api("/api/transport-tariff"), api("/api/units")]);
    current = tariff;
    summary.textContent = tariff.fee_ore && tariff.payee_unit
      ? t("tariff.summary", { fee: money(tariff.fee_ore), unit: tariff.payee_unit.name }) : t("tariff.free");
    unit.replaceChildren(h("option", { value: "", text: t("tariff.pick_unit") }),
      ...units.map((/** @type {any} */ u) => h("option", { value: u.id, text: u.name,
                                                            selected: u.id === tariff.payee_unit?.id })));
    const kr = String(tariff.fee_ore / 100);
    fee.value = getLanguage() === "sv" ? kr.replace(".", ",") : kr;
  }

  /** @param {HTMLElement} element @param {string} key */
  function refuse(element, key) {
    element.setAttribute("aria-invalid", "true");
    status.textContent = t(key);
    element.focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const element of [fee, unit]) element.removeAttribute("aria-invalid");
    const text = fee.value.replace(/\s/g, "").replace(",", ".");
    const kr = Number(text);
    if (!text || !Number.isFinite(kr) || kr < 0 || kr > MAX_KRONOR) return refuse(fee, "tariff.fee_bad");
    if (!unit.value) return refuse(unit, "tariff.unit_missing");
    try {
      await api("/api/transport-tariff", { method: "PUT", body: {
        fee_ore: Math.round(kr * 100), payee_unit_id: unit.value, version: current?.version ?? null } });
      await load();
      status.textContent = t("tariff.saved");
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code !== "stale_version") {
        status.textContent = errorText(error);
        return;
      }
      await load();
      status.textContent = t("tariff.reloaded");
    }
  });

  queueMicrotask(() => load().catch((error) => {
    if (!(error instanceof ApiError)) throw error;
    status.textContent = errorText(error);
  }));
  return section;
}
