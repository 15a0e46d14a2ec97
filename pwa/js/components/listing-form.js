/**
 * Create a listing (/annonser/ny) or edit one (/annons/:id/andra): what it is, the deal, who may
 * see it, and photos taken with the phone's camera. Photos are downsized on the phone (≤ 1600 px,
 * no EXIF) before upload, so a slow connection carries a few hundred kB instead of a 12 MP original.
 * An edit sends only the fields that changed, with the version it started from: if someone else
 * saved in between, the server refuses (stale_version) and the form offers the latest version.
 */
import { h, replaceChildren } from "../dom.js";
import { errorText, getLanguage, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { categoryOptions } from "./listing-card.js";
import { field } from "./listing-search.js";
import { listingPhotos, photoPreview, uploadPhotos, uploadProgress } from "./listing-photos.js";
import { noticeOnNextView } from "./listing-view.js";
import { photoPicker } from "./photo-picker.js";
import { slotEditor } from "./slot-editor.js";

const KINDS = ["furniture", "equipment", "service", "staffing"];
const DEALS = ["give", "lend", "rent", "sell"];
/** A service or staffing time is offered free or for a price per hour. */
const SERVICE_DEALS = ["lend", "rent"];
const CONDITIONS = ["new", "good", "used", "worn", "broken"];
const PERIODS = ["day", "week", "month"];
const TIERS = ["unit", "municipality", "network", "public"];
const PHYSICAL = ["furniture", "equipment"];
/** What an edit may change; kind and deal are fixed once a listing exists (ListingUpdate). */
const EDITABLE = ["title", "description", "category_id", "condition", "quantity", "visibility", "price_ore",
                  "rent_period", "windows"];

/**
 * @param {{navigate: (path: string) => void, listingId?: string}} props without listingId, a new listing
 * @returns {HTMLElement}
 */
export function listingForm({ navigate, listingId }) {
  const editing = listingId !== undefined;
  // One id per form: a create retried after a failed photo upload is the same listing, not a second one.
  const id = listingId ?? crypto.randomUUID();
  const status = h("p", { id: "listing-form-status", class: "listing-form__status", role: "alert",
                          "aria-live": "assertive" });
  const input = (/** @type {string} */ name, /** @type {Record<string, any>} */ attrs = {}) =>
    h("input", { id: `listing-${name}`, name, class: "field__input", ...attrs });
  const choose = (/** @type {string} */ name, /** @type {string[]} */ values, /** @type {string} */ prefix,
                  /** @type {string} */ chosen) =>
    h("select", { id: `listing-${name}`, name, class: "field__input" },
      values.map((v) => h("option", { value: v, text: t(`${prefix}${v}`), selected: v === chosen })));
  const category = h("select", { id: "listing-category_id", name: "category_id", class: "field__input" },
    h("option", { value: "", text: t("catalog.choose_category") }));
  const picker = photoPicker({ id: "listing-photos", name: "photos", title: t("catalog.photos"),
                               button: t("catalog.photos_choose"), hint: t("catalog.photos_hint"),
                               hintClass: "listing-form__hint", multiple: true });
  const photos = picker.input;
  const priceBox = h("div", { class: "listing-form__price" },
    field("listing-price", "catalog.price_kr", input("price", { type: "text", inputmode: "decimal" })),
    field("listing-rent_period", "catalog.rent_period", choose("rent_period", PERIODS, "catalog.period_", "day")));
  const slots = slotEditor({});
  const slotSlot = h("div", { class: "listing-form__slots" }, slots.element);
  const progress = uploadProgress("listing-form-progress");
  const reload = h("button", { type: "button", class: "button button--secondary", hidden: true,
                               text: t("catalog.reload_latest") });
  const form = h("form", { class: "listing-form__form", novalidate: true, hidden: editing },
    field("listing-kind", "catalog.kind", choose("kind", KINDS, "catalog.kind_", "furniture")),
    field("listing-deal", "catalog.deal", choose("deal", DEALS, "catalog.deal_", "give")),
    editing ? h("p", { id: "listing-fixed-hint", class: "listing-form__hint", text: t("catalog.fixed_hint") }) : null,
    priceBox,
    field("listing-category_id", "catalog.category", category),
    field("listing-title", "catalog.title", input("title", { type: "text", maxlength: "120", required: true })),
    field("listing-description", "catalog.description",
      h("textarea", { id: "listing-description", name: "description", class: "field__input", rows: "4" })),
    field("listing-condition", "catalog.condition", choose("condition", CONDITIONS, "catalog.condition_", "good")),
    field("listing-quantity", "catalog.quantity", input("quantity", { type: "number", min: "1", max: "10000",
                                                                      value: "1", inputmode: "numeric" })),
    slotSlot,
    field("listing-visibility", "catalog.visibility", choose("visibility", TIERS, "catalog.tier_", "network")),
    editing ? null : [picker.element, photoPreview(photos)],
    progress.element,
    status,
    reload,
    h("button", { type: "submit", class: "button button--primary",
                  text: t(editing ? "catalog.save" : "catalog.publish") }));
  const elements = /** @type {HTMLFormElement} */ (form).elements;
  const control = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (elements.namedItem(name));
  const wrapper = (/** @type {string} */ name) => /** @type {HTMLElement} */ (control(name).closest(".field"));
  const showPrice = () => {
    const service = !PHYSICAL.includes(control("kind").value);
    const deal = control("deal").value;
    priceBox.hidden = deal !== "rent" && deal !== "sell";
    // A service's rent is per hour of the booked time: the price says so, no period to choose.
    wrapper("rent_period").hidden = deal !== "rent" || service;
    /** @type {HTMLElement} */ (priceBox.querySelector("label")).textContent =
      t(service && deal === "rent" ? "catalog.price_hour_kr" : "catalog.price_kr");
  };
  /** Ask only what fits the kind: no condition or item count for a service, its bookable times instead. */
  const showKind = () => {
    const service = !PHYSICAL.includes(control("kind").value);
    for (const name of ["condition", "quantity"]) wrapper(name).hidden = service;
    slotSlot.hidden = !service;
    if (!editing) {
      const deal = control("deal");
      const allowed = service ? SERVICE_DEALS : DEALS;
      const keep = allowed.includes(deal.value) ? deal.value : allowed[0];
      deal.replaceChildren(...allowed.map((v) => h("option", {
        value: v, selected: v === keep, text: t(service ? `catalog.service_deal_${v}` : `catalog.deal_${v}`) })));
    }
    showPrice();
  };
  control("deal").addEventListener("change", showPrice);
  control("kind").addEventListener("change", showKind);
  showKind();

  const photoSlot = h("div", { class: "listing-form__photos" });
  const section = h("section", { class: "listing-form", "aria-labelledby": "listing-form-title" },
    editing ? h("p", {}, h("a", { href: `/annons/${id}`, text: t("catalog.back_to_listing") })) : null,
    h("h1", { id: "listing-form-title", text: t(editing ? "catalog.edit_title" : "catalog.new_title") }),
    photoSlot,
    editing ? h("h2", { class: "listing-form__details", text: t("catalog.details") }) : null,
    form);

  /** @type {any} the listing as last loaded (editing only) */
  let current = null;

  /** Fill the form with the listing as the server has it now; unsaved changes are dropped. */
  async function loadListing() {
    section.setAttribute("aria-busy", "true");
    try {
      current = await api(`/api/listings/${encodeURIComponent(id)}`);
      if (!current.can_edit) {
        form.hidden = true;
        status.textContent = t("catalog.cannot_edit");
        section.append(status);
        return;
      }
      fill(control, current);
      const editor = slotEditor({ windows: current.windows ?? [] });
      slots.element.replaceWith(editor.element);
      Object.assign(slots, editor);
      showKind();
      replaceChildren(photoSlot, listingPhotos({ listing: current }));
      form.hidden = false;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      section.append(status);
      status.textContent = errorText(error);
    } finally {
      section.removeAttribute("aria-busy");
    }
  }

  reload.addEventListener("click", async () => {
    await loadListing();
    reload.hidden = true;
    status.classList.remove("listing-form__status--error");
    status.textContent = t("catalog.reloaded");
    /** @type {HTMLElement} */ (control("title")).focus();
  });

  let busy = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    for (const invalid of form.querySelectorAll("[aria-invalid]")) invalid.removeAttribute("aria-invalid");
    status.classList.remove("listing-form__status--error");
    const body = collect(new FormData(/** @type {HTMLFormElement} */ (form)), status, current, slots);
    if (!body) return;
    busy = true;
    status.textContent = t("catalog.saving");
    try {
      if (editing) await save(body);
      else await create(body);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.classList.add("listing-form__status--error");
      status.textContent = errorText(error);
      reload.hidden = error.code !== "stale_version";
    } finally {
      progress.hide();
      busy = false;
    }
  });

  /** @param {Record<string, any>} body */
  async function create(body) {
    const listing = await api("/api/listings", { method: "POST", body: { ...body, id, publish: true } });
    const files = [.../** @type {HTMLInputElement} */ (photos).files ?? []];
    if (files.length) {
      await uploadPhotos(listing.id, files, (fraction) => progress.show(fraction, fraction === null
        ? t("catalog.photos_preparing") : t("catalog.photos_sending", { percent: Math.round(fraction * 100) })));
    }
    navigate(`/annons/${listing.id}`);
  }

  /** @param {Record<string, any>} body */
  async function save(body) {
    const changes = Object.fromEntries(EDITABLE.filter((name) => name in body && !same(name, body[name], current[name]))
      .map((name) => [name, body[name]]));
    if (Object.keys(changes).length) {
      await api(`/api/listings/${encodeURIComponent(id)}`, { method: "PATCH",
                                                             body: { ...changes, version: current.version } });
    }
    noticeOnNextView(t(Object.keys(changes).length ? "catalog.saved" : "catalog.nothing_changed"));
    navigate(`/annons/${id}`);
  }

  api("/api/categories").then((rows) => {
    category.append(...categoryOptions(rows));
    if (editing) queueMicrotask(loadListing);
  }, (error) => {
    section.append(status);
    status.textContent = errorText(error);
  });
  return section;
}

/**
 * Whether a field's value is unchanged; time slots compare by their moments and capacity.
 * @param {string} name @param {any} value @param {any} before
 */
function same(name, value, before) {
  if (name !== "windows") return value === before;
  const norm = (/** @type {any[]} */ slots) => (slots ?? [])
    .map((w) => `${Date.parse(w.starts_at)}-${Date.parse(w.ends_at)}-${w.capacity}`).sort().join(",");
  return norm(value) === norm(before);
}

/**
 * Put a listing's values into the form; kind and deal are shown but cannot change.
 * @param {(name: string) => HTMLInputElement} control @param {any} listing
 */
function fill(control, listing) {
  const set = (/** @type {string} */ name, /** @type {any} */ value) => { control(name).value = value ?? ""; };
  for (const name of ["kind", "deal", "title", "description", "visibility", "category_id"]) set(name, listing[name]);
  set("quantity", String(listing.quantity));
  if (listing.condition) set("condition", listing.condition);
  if (listing.rent_period) set("rent_period", listing.rent_period);
  const kronor = listing.price_ore === null ? "" : String(listing.price_ore / 100);
  set("price", getLanguage() === "sv" ? kronor.replace(".", ",") : kronor);
  for (const name of ["kind", "deal"]) {
    control(name).disabled = true;
    control(name).setAttribute("aria-describedby", "listing-fixed-hint");
  }
  // Each physical item may already carry a label: the count can grow here, not shrink.
  control("quantity").min = PHYSICAL.includes(listing.kind) ? String(listing.quantity) : "1";
}

/**
 * The listing's fields as the API takes them, or null (with the reason in `status` and focus on
 * the field) when they are not ready. An edit keeps the listing's own kind and deal.
 * @param {FormData} data @param {HTMLElement} status @param {any} current the listing being edited, or null
 * @param {{slots: () => any[], focus: () => void}} slots the time-slot editor
 */
function collect(data, status, current, slots) {
  const get = (/** @type {string} */ name) => String(data.get(name) ?? "").trim();
  const refuse = (/** @type {string} */ name, /** @type {string} */ key) => {
    status.classList.add("listing-form__status--error");
    status.textContent = t(key);
    const element = /** @type {HTMLElement | null} */ (document.getElementById(`listing-${name}`));
    element?.setAttribute("aria-invalid", "true");
    element?.focus();
    return null;
  };
  const kind = current ? current.kind : get("kind");
  const deal = current ? current.deal : get("deal");
  const quantity = get("quantity") ? Number(get("quantity")) : 1;
  /** @type {Record<string, any>} */
  const body = { kind, deal, title: get("title"), description: get("description"), visibility: get("visibility"),
                 quantity };
  if (!body.title) return refuse("title", "catalog.title_missing");
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10000) {
    return refuse("quantity", "catalog.quantity_bad");
  }
  if (current && PHYSICAL.includes(kind) && quantity < current.quantity) {
    return refuse("quantity", "error.quantity_cannot_shrink");
  }
  body.category_id = get("category_id") || null; // null: no category (an edit clears it)
  if (PHYSICAL.includes(kind)) body.condition = get("condition");
  else {
    body.windows = slots.slots();
    if (!body.windows.length) {
      status.classList.add("listing-form__status--error");
      status.textContent = t("slots.none");
      slots.focus();
      return null;
    }
  }
  if (deal === "rent" || deal === "sell") {
    const kr = Number(get("price").replace(/\s/g, "").replace(",", "."));
    if (!get("price") || !Number.isFinite(kr) || kr < 0) return refuse("price", "catalog.price_missing");
    body.price_ore = Math.round(kr * 100);
    if (deal === "rent") body.rent_period = PHYSICAL.includes(kind) ? get("rent_period") : "hour";
  }
  return body;
}
