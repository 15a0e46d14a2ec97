/**
 * Taking in a new item in one pass (/ta-emot): photos, what it is, its measurements, the shelf it
 * goes to (its label scanned or typed) and its label (a pre-printed one, or a new one to print), and
 * whether it needs repair first. The whole intake is kept on the phone as one unit and sent when
 * there is a network (outbox/intake-queue.js): the screen says what waits, what was registered (with
 * a button to print a new label), and what the server refused and why, to correct or discard.
 * The shelf stays filled for the next item: a delivery usually goes to one place.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { getCsrfToken } from "../csrf.js";
import { parseScanned } from "../scan/codes.js";
import { downsize } from "../outbox/photos.js";
import { discardIntake, intakesOf, queueIntake } from "../outbox/intake-queue.js";
import { onOutboxChange, deviceTime } from "../outbox/queue.js";
import { currentOwner } from "../outbox/owner.js";
import { syncNow } from "../outbox/sync.js";
import { categoryOptions } from "./listing-card.js";
import { photoPicker } from "./photo-picker.js";
import { scanCamera } from "./scan-camera.js";
import { stateName } from "./scan-history.js";

const MAX_PHOTOS = 6;
const CONDITIONS = ["new", "good", "used", "worn", "broken"];

/** @returns {HTMLElement} */
export function intakeView() {
  /** @type {Blob[]} */
  let photos = [];
  /** The intake sent last from this screen: the status follows it from saved to registered. */
  let lastId = "";
  const picker = photoPicker({ id: "intake-photos", title: t("intake.photos"), button: t("intake.take_photos"),
                               hint: t("intake.photos_hint", { max: MAX_PHOTOS }), multiple: true });
  const photoInput = picker.input;
  const thumbs = h("ul", { class: "intake-view__thumbs", "aria-label": t("intake.photos_taken") });
  picker.element.append(thumbs);
  const title = input("intake-title", { required: true, maxlength: 60, autocomplete: "off" });
  const category = /** @type {HTMLSelectElement} */ (h("select", { id: "intake-category", class: "field__input" },
    h("option", { value: "", text: t("intake.no_category") })));
  const sizes = ["width", "depth", "height"].map((side) => input(`intake-${side}`, { inputmode: "numeric", maxlength: 5 }));
  const weight = input("intake-weight", { inputmode: "decimal", maxlength: 8 });
  const condition = /** @type {HTMLSelectElement} */ (h("select", { id: "intake-condition", class: "field__input" },
    h("option", { value: "", text: t("intake.condition_unknown") }),
    CONDITIONS.map((c) => h("option", { value: c, text: t(`catalog.condition_${c}`) }))));
  const number = input("intake-number", { maxlength: 50, autocomplete: "off" });
  const shelf = codeField("intake-shelf", "intake.shelf", "intake.shelf_hint");
  const printed = /** @type {HTMLInputElement} */ (h("input", { type: "radio", name: "intake-label", id: "intake-label-printed",
    value: "printed", checked: true }));
  const fresh = /** @type {HTMLInputElement} */ (h("input", { type: "radio", name: "intake-label", id: "intake-label-new",
    value: "new" }));
  const label = codeField("intake-label", "intake.label_code", "intake.label_hint");
  const repair = /** @type {HTMLInputElement} */ (h("input", { type: "checkbox", id: "intake-repair" }));
  const needs = /** @type {HTMLTextAreaElement} */ (h("textarea", { id: "intake-needs", class: "field__input", rows: 2,
    maxlength: 500 }));
  const needsField = h("div", { class: "field", hidden: true },
    h("label", { for: needs.id, class: "field__label", text: t("intake.needs") }), needs);
  const problem = h("p", { class: "field__error", role: "alert" });
  const status = h("p", { class: "intake-view__status", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "intake-view__list", "aria-labelledby": "intake-list-title" });
  const recent = h("h2", { id: "intake-list-title", text: t("intake.recent"), hidden: true });

  photoInput.addEventListener("change", async () => {
    const chosen = [...(photoInput.files ?? [])].slice(0, MAX_PHOTOS - photos.length);
    photoInput.value = "";
    photos = [...photos, ...(await Promise.all(chosen.map((file) => downsize(file))))];
    showThumbs();
  });
  function showThumbs() {
    thumbs.replaceChildren(...photos.map((blob, index) => h("li", { class: "intake-view__thumb" },
      h("img", { src: URL.createObjectURL(blob), alt: t("intake.photo_n", { n: index + 1 }), width: 80, height: 80 }),
      h("button", { type: "button", class: "button button--secondary intake-view__drop",
        text: t("intake.photo_drop"), "aria-label": t("intake.photo_drop_n", { n: index + 1 }),
        onclick: () => { photos = photos.filter((_, i) => i !== index); showThumbs(); } }))));
  }
  for (const radio of [printed, fresh]) {
    radio.addEventListener("change", () => { label.field.hidden = fresh.checked; });
  }
  repair.addEventListener("change", () => { needsField.hidden = !repair.checked; });

  /** @param {SubmitEvent} event */
  async function onSubmit(event) {
    event.preventDefault();
    problem.textContent = "";
    const body = collect();
    if (!body) return;
    try {
      await queueIntake({ body, photos });
    } catch {
      problem.textContent = t("intake.not_signed_in");
      return;
    }
    lastId = body.id;
    status.textContent = t(navigator.onLine ? "intake.sending" : "intake.saved_offline", { title: body.title });
    photos = [];
    showThumbs();
    for (const field of [title, number, ...sizes, weight, needs, label.input]) field.value = "";
    condition.value = "";
    repair.checked = false;
    needsField.hidden = true;
    title.focus();
    void syncNow().then(refresh);
  }

  /** The intake as the server takes it, or null with the first problem shown at its field. */
  function collect() {
    const fail = (/** @type {HTMLElement} */ field, /** @type {string} */ key) => {
      problem.textContent = t(key);
      field.focus();
      return null;
    };
    if (!title.value.trim()) return fail(title, "intake.title_missing");
    /** @type {Record<string, any>} */
    const body = { id: crypto.randomUUID(), title: title.value.trim(), device_time: deviceTime() };
    if (category.value) body.category_id = category.value;
    for (const [index, side] of ["width_cm", "depth_cm", "height_cm"].entries()) {
      const text = sizes[index].value.trim();
      if (!text) continue;
      if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 10000) return fail(sizes[index], "intake.size_bad");
      body[side] = Number(text);
    }
    if (weight.value.trim()) {
      const kg = Number(weight.value.trim().replace(",", "."));
      if (!Number.isFinite(kg) || kg <= 0 || kg > 50000) return fail(weight, "intake.weight_bad");
      body.weight_g = Math.round(kg * 1000);
    }
    if (condition.value) body.condition = condition.value;
    if (number.value.trim()) body.inventory_number = number.value.trim();
    if (shelf.input.value.trim()) {
      const parsed = parseScanned(shelf.input.value);
      if (!parsed.ok) return fail(shelf.input, `link.code_${parsed.reason}`);
      body.shelf = parsed.code;
    }
    if (fresh.checked) {
      body.new_label = true;
    } else {
      const parsed = parseScanned(label.input.value);
      if (!label.input.value.trim()) return fail(label.input, "intake.label_missing");
      if (!parsed.ok) return fail(label.input, `link.code_${parsed.reason}`);
      body.label = parsed.code;
    }
    if (repair.checked) {
      if (!needs.value.trim()) return fail(needs, "intake.needs_missing");
      body.repair = needs.value.trim();
    }
    return body;
  }

  async function refresh() {
    const mine = await intakesOf(await currentOwner());
    const last = mine.find((entry) => entry.body.id === lastId);
    if (last?.made) status.textContent = t("intake.made", { title: last.title });
    else if (last?.refused) status.textContent = t("intake.refused_status", { title: last.title });
    list.replaceChildren(...mine.reverse().map(entryRow));
    list.hidden = mine.length === 0;
    recent.hidden = mine.length === 0;
  }

  /** @param {import("../outbox/intake-queue.js").QueuedIntake} entry */
  function entryRow(entry) {
    const drop = h("button", { type: "button", class: "button button--secondary", text: t("intake.discard"),
      onclick: () => void discardIntake(/** @type {number} */ (entry.seq)).then(refresh) });
    if (entry.refused) {
      return h("li", { class: "intake-view__entry intake-view__entry--refused" },
        h("strong", { text: entry.title }), h("span", { text: refusal(entry.refused.error) }), drop);
    }
    if (!entry.made) {
      return h("li", { class: "intake-view__entry" }, h("strong", { text: entry.title }),
        h("span", { text: t("intake.waiting") }));
    }
    const made = entry.made;
    const place = [made.location_parent_name, made.location_name].filter(Boolean).join(" › ");
    const facts = [stateName(made.state), place, made.code ? t("intake.label_is", { code: made.code }) : "",
                   made.repair_id ? t("intake.to_repair") : ""].filter(Boolean).join(" · ");
    const printButton = entry.body.new_label && made.code
      ? h("button", { type: "button", class: "button button--primary", text: t("intake.print"),
          onclick: () => void printLabel(made.item_id) })
      : "";
    return h("li", { class: "intake-view__entry intake-view__entry--made" },
      h("a", { href: `/sak/${made.item_id}`, text: made.title }), h("span", { text: facts }), printButton);
  }

  /** @param {string} itemId */
  async function printLabel(itemId) {
    try {
      const response = await fetch("/api/labels/selection", { method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": getCsrfToken() ?? "" },
        body: JSON.stringify({ item_ids: [itemId] }) });
      if (!response.ok) throw new ApiError({ status: response.status, code: `http_${response.status}`, detail: "" });
      window.open(URL.createObjectURL(await response.blob()), "_blank", "noopener");
    } catch (error) {
      status.textContent = error instanceof ApiError ? errorText(error) : t("error.network");
    }
  }

  api("/api/categories").then((rows) => category.append(...categoryOptions(rows)), () => {});
  const stop = onOutboxChange(() => { if (!view.isConnected) stop(); else void refresh(); });
  void refresh();
  const view = h("section", { class: "intake-view", "aria-labelledby": "intake-title-heading" },
    h("h1", { id: "intake-title-heading", text: t("intake.title") }),
    h("p", { text: t("intake.intro") }),
    h("form", { class: "intake-view__form", novalidate: true, onsubmit: onSubmit },
      picker.element,
      labelled(title, "intake.what"),
      labelled(category, "intake.category"),
      h("fieldset", { class: "intake-view__sizes" }, h("legend", { text: t("intake.sizes") }),
        labelled(sizes[0], "intake.width"), labelled(sizes[1], "intake.depth"), labelled(sizes[2], "intake.height"),
        labelled(weight, "intake.weight")),
      labelled(condition, "intake.condition"),
      labelled(number, "intake.number"),
      shelf.field,
      h("fieldset", { class: "intake-view__label" }, h("legend", { text: t("intake.label") }),
        h("div", { class: "intake-view__choice" }, printed, h("label", { for: printed.id, text: t("intake.label_printed") })),
        h("div", { class: "intake-view__choice" }, fresh, h("label", { for: fresh.id, text: t("intake.label_new") })),
        label.field),
      h("div", { class: "intake-view__choice" }, repair, h("label", { for: repair.id, text: t("intake.repair") })),
      needsField,
      problem,
      h("button", { type: "submit", class: "button button--primary intake-view__submit", text: t("intake.submit") })),
    status,
    recent,
    list);
  return view;
}

/** @param {string} error the server's code */
function refusal(error) {
  const key = `intake.refused.${error}`;
  const own = t(key);
  if (own !== key) return own;
  if (error.startsWith("label_")) return t("intake.refused.label");
  if (error.startsWith("shelf_")) return t("intake.refused.shelf");
  return t("intake.refused.other");
}

/** @param {string} id @param {Record<string, any>} attrs */
function input(id, attrs) {
  return /** @type {HTMLInputElement} */ (h("input", { id, class: "field__input", ...attrs }));
}

/** @param {HTMLElement} control @param {string} key */
function labelled(control, key) {
  return h("div", { class: "field" }, h("label", { for: control.id, class: "field__label", text: t(key) }), control);
}

/**
 * A label's code, typed or scanned with the camera (opened by its button, closed when it read one).
 * @param {string} id @param {string} key @param {string} hintKey
 */
function codeField(id, key, hintKey) {
  const field = /** @type {HTMLInputElement} */ (h("input", { id, class: "field__input intake-view__code",
    autocomplete: "off", autocapitalize: "characters", spellcheck: "false", maxlength: 80,
    "aria-describedby": `${id}-hint` }));
  const camera = h("div", { class: "intake-view__camera" });
  const open = h("button", { type: "button", class: "button button--secondary", text: t("intake.scan") });
  open.addEventListener("click", () => {
    if (camera.firstChild) {
      camera.replaceChildren();
      return;
    }
    camera.replaceChildren(scanCamera({ onReady: () => {}, onText: (text) => {
      const parsed = parseScanned(text);
      if (!parsed.ok) return;
      field.value = parsed.code;
      camera.replaceChildren();
      field.focus();
    } }));
  });
  const wrapper = h("div", { class: "field" },
    h("label", { for: id, class: "field__label", text: t(key) }),
    h("p", { id: `${id}-hint`, class: "field__hint", text: t(hintKey) }),
    h("div", { class: "intake-view__code-row" }, field, open), camera);
  return { field: wrapper, input: field };
}
