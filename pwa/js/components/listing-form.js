/**
 * Create a listing (/annonser/ny): what it is, the deal, who may see it, and photos taken with
 * the phone's camera. Photos are downsized on the phone (≤ 1600 px, no EXIF) before upload, so
 * a slow connection carries a few hundred kB instead of a 12 MP original.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { getCsrfToken } from "../csrf.js";
import { downsize } from "../outbox/photos.js";
import { categoryOptions } from "./listing-card.js";
import { field } from "./listing-search.js";

const KINDS = ["furniture", "equipment", "service", "staffing"];
const DEALS = ["give", "lend", "rent", "sell"];
const CONDITIONS = ["new", "good", "used", "worn", "broken"];
const PERIODS = ["day", "week", "month"];
const TIERS = ["unit", "municipality", "network", "public"];

/**
 * @param {{navigate: (path: string) => void}} props
 * @returns {HTMLElement}
 */
export function listingForm({ navigate }) {
  const status = h("p", { id: "listing-form-status", class: "listing-form__status", role: "alert",
                          "aria-live": "assertive" });
  const input = (/** @type {string} */ name, /** @type {Record<string, any>} */ attrs = {}) =>
    h("input", { id: `listing-${name}`, name, class: "field__input", ...attrs });
  const choose = (/** @type {string} */ name, /** @type {string[]} */ values, /** @type {string} */ prefix,
                  /** @type {string} */ chosen) => {
    const element = h("select", { id: `listing-${name}`, name, class: "field__input" },
      values.map((v) => h("option", { value: v, text: t(`${prefix}${v}`), selected: v === chosen })));
    return element;
  };
  const category = h("select", { id: "listing-category_id", name: "category_id", class: "field__input" },
    h("option", { value: "", text: t("catalog.choose_category") }));
  const photos = input("photos", { type: "file", accept: "image/*", capture: "environment", multiple: true,
                                   "aria-describedby": "listing-photos-hint" });
  const priceBox = h("div", { class: "listing-form__price" },
    field("listing-price", "catalog.price_kr", input("price", { type: "text", inputmode: "decimal" })),
    field("listing-rent_period", "catalog.rent_period", choose("rent_period", PERIODS, "catalog.period_", "day")));
  const form = h("form", { class: "listing-form__form", novalidate: true },
    field("listing-kind", "catalog.kind", choose("kind", KINDS, "catalog.kind_", "furniture")),
    field("listing-deal", "catalog.deal", choose("deal", DEALS, "catalog.deal_", "give")),
    priceBox,
    field("listing-category_id", "catalog.category", category),
    field("listing-title", "catalog.title", input("title", { type: "text", maxlength: "120", required: true })),
    field("listing-description", "catalog.description",
      h("textarea", { id: "listing-description", name: "description", class: "field__input", rows: "4" })),
    field("listing-condition", "catalog.condition", choose("condition", CONDITIONS, "catalog.condition_", "good")),
    field("listing-quantity", "catalog.quantity", input("quantity", { type: "number", min: "1", max: "10000",
                                                                      value: "1", inputmode: "numeric" })),
    field("listing-visibility", "catalog.visibility", choose("visibility", TIERS, "catalog.tier_", "network")),
    h("div", { class: "field" },
      h("label", { class: "field__label", for: "listing-photos", text: t("catalog.photos") }),
      h("p", { id: "listing-photos-hint", class: "listing-form__hint", text: t("catalog.photos_hint") }), photos),
    status,
    h("button", { type: "submit", class: "button button--primary", text: t("catalog.publish") }));
  const deal = /** @type {HTMLSelectElement} */ (form.querySelector("[name=deal]"));
  const showPrice = () => {
    priceBox.hidden = deal.value !== "rent" && deal.value !== "sell";
    /** @type {HTMLElement} */ (priceBox.lastElementChild).hidden = deal.value !== "rent";
  };
  deal.addEventListener("change", showPrice);
  showPrice();
  api("/api/categories").then((rows) => category.append(...categoryOptions(rows)),
                              (error) => { status.textContent = errorText(error); });

  let busy = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    for (const invalid of form.querySelectorAll("[aria-invalid]")) invalid.removeAttribute("aria-invalid");
    const body = collect(new FormData(form), status);
    if (!body) return;
    busy = true;
    status.classList.remove("listing-form__status--error");
    status.textContent = t("catalog.saving");
    try {
      const listing = await api("/api/listings", { method: "POST", body });
      const files = [.../** @type {HTMLInputElement} */ (photos).files ?? []];
      if (files.length) await upload(listing.id, files);
      navigate(`/annons/${listing.id}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.classList.add("listing-form__status--error");
      status.textContent = errorText(error);
    } finally {
      busy = false;
    }
  });

  return h("section", { class: "listing-form", "aria-labelledby": "listing-form-title" },
    h("h1", { id: "listing-form-title", text: t("catalog.new_title") }), form);
}

/**
 * The request body, or null (with the reason in `status` and focus on the field) when it is not ready.
 * @param {FormData} data @param {HTMLElement} status
 */
function collect(data, status) {
  const get = (/** @type {string} */ name) => String(data.get(name) ?? "").trim();
  const refuse = (/** @type {string} */ name, /** @type {string} */ key) => {
    status.classList.add("listing-form__status--error");
    status.textContent = t(key);
    const element = /** @type {HTMLElement | null} */ (document.getElementById(`listing-${name}`));
    element?.setAttribute("aria-invalid", "true");
    element?.focus();
    return null;
  };
  const deal = get("deal");
  /** @type {Record<string, any>} */
  const body = { id: crypto.randomUUID(), kind: get("kind"), deal, title: get("title"), publish: true,
                 description: get("description"), visibility: get("visibility"),
                 quantity: Number(get("quantity")) || 1 };
  if (!body.title) return refuse("title", "catalog.title_missing");
  if (get("category_id")) body.category_id = get("category_id");
  if (body.kind === "furniture" || body.kind === "equipment") body.condition = get("condition");
  if (deal === "rent" || deal === "sell") {
    const kr = Number(get("price").replace(/\s/g, "").replace(",", "."));
    if (!get("price") || !Number.isFinite(kr) || kr < 0) return refuse("price", "catalog.price_missing");
    body.price_ore = Math.round(kr * 100);
    if (deal === "rent") body.rent_period = get("rent_period");
  }
  return body;
}

/**
 * Downsize each photo on the phone, then send them in one multipart request.
 * @param {string} listingId @param {File[]} files
 */
async function upload(listingId, files) {
  const form = new FormData();
  for (const [i, file] of files.entries()) form.append("photos", await downsize(file), `photo-${i + 1}.jpg`);
  const token = getCsrfToken();
  let response;
  try {
    response = await fetch(`/api/listings/${listingId}/photos`, {
      method: "POST", body: form, credentials: "same-origin", headers: token ? { "X-CSRF-Token": token } : {} });
  } catch (error) {
    throw new ApiError({ status: 0, code: "network_error", detail: String(error) });
  }
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    throw new ApiError({ status: response.status, code: data?.error ?? `http_${response.status}` });
  }
}
