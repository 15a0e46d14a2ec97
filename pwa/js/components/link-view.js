/**
 * Linking a pre-printed label to a new item (/koppla, /koppla/<code>): type or scan the code
 * under the QR, search the item it is stuck on (its title or its place: the server answers a
 * short page), and press "Koppla" on its row; it is sent as a "link" scan. Identical items are
 * told apart by their place. The check character is validated on the phone, so a typo is caught
 * before anything is sent.
 * Identical items beside each other: the code of something already labelled beside the new one (or
 * of its shelf) narrows the list to that place.
 * Or photograph the item with its label on: the photo queues in the outbox like any intake
 * photo, and the server links the fresh label it reads in it (photo-results says what came of it,
 * and the search is run again, so the item leaves the list).
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { parseScanned } from "../scan/codes.js";
import { queuePhoto } from "../outbox/photos.js";
import { afterEnqueue } from "../outbox/sync.js";
import { photoResults } from "./photo-results.js";
import { stateName } from "./scan-history.js";

/** Before any words: the few newest unlabelled items. A search shows a page of this many. */
const RECENT = 5;
const PAGE = 10;
const SEARCH_DELAY_MS = 250;

/** @typedef {{id: string, title: string, state: string, location_name: string | null,
 *   location_parent_name: string | null, inventory_number: string | null}} Unlabelled */

/**
 * @param {{code?: string, navigate: (path: string) => void}} props
 * @returns {HTMLElement}
 */
export function linkView({ code = "", navigate }) {
  const codeError = h("p", { id: "link-code-error", class: "field__error", "aria-live": "assertive" });
  const input = /** @type {HTMLInputElement} */ (h("input", {
    id: "link-code", class: "field__input link-view__code", value: code, autocomplete: "off",
    autocapitalize: "characters", spellcheck: "false", maxlength: 80, "aria-describedby": "link-code-hint",
  }));
  const search = /** @type {HTMLInputElement} */ (h("input", {
    id: "link-search", class: "field__input", type: "search", autocomplete: "off", maxlength: 80,
    enterkeyhint: "search", "aria-describedby": "link-search-hint", "aria-controls": "link-results",
  }));
  const list = h("ul", { id: "link-results", class: "link-view__list", "aria-busy": "true" });
  const count = h("p", { class: "link-view__count", role: "status", "aria-live": "polite" });
  const more = /** @type {HTMLButtonElement} */ (h("button", {
    type: "button", class: "button button--secondary link-view__more", hidden: true, text: t("link.more"),
  }));
  const status = h("p", { class: "link-view__status", role: "status", "aria-live": "polite" });
  const nearError = h("p", { id: "link-near-error", class: "field__error", "aria-live": "assertive" });
  const nearInput = /** @type {HTMLInputElement} */ (h("input", {
    id: "link-near", class: "field__input link-view__code", autocomplete: "off", autocapitalize: "characters",
    spellcheck: "false", maxlength: 80, "aria-describedby": "link-near-hint link-near-error",
  }));
  const nearClear = /** @type {HTMLButtonElement} */ (h("button", {
    type: "button", class: "button button--secondary link-view__near-clear", hidden: true, text: t("link.near_clear"),
  }));
  /** The canonical code of the known label beside the item, while the list is narrowed to its place. */
  let near = "";
  let asked = 0;  // only the newest search may fill the list
  let shown = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  /** One page of unlabelled items matching the words; a next page is appended. */
  function load(next = false) {
    const q = search.value.trim();
    const limit = q ? PAGE : RECENT;
    const offset = next ? shown : 0;
    const ask = ++asked;
    list.setAttribute("aria-busy", "true");
    const params = new URLSearchParams({ q, limit: String(limit), offset: String(offset), ...(near ? { near } : {}) });
    api(`/api/items/unlabelled?${params}`)
      .then((/** @type {Unlabelled[]} */ rows) => {
        if (ask !== asked) return;
        if (!next) list.replaceChildren();
        list.append(...rows.map((row) => resultRow(row, onLink)));
        shown = offset + rows.length;
        const full = (Boolean(q) || Boolean(near)) && rows.length === limit;
        more.hidden = !full;
        const first = /** @type {Unlabelled | undefined} */ (rows[0]);
        count.textContent = near ? (first ? t("link.near_at", { place: placeText(first) }) : t("link.near_none"))
          : !q ? (shown ? t("link.recent") : t("link.no_items"))
            : shown ? t(full ? "link.hits_more" : "link.hits", { count: shown }) : t("link.no_hits", { q });
      })
      .catch((error) => {
        if (ask !== asked) return;
        if (near && error instanceof ApiError && (error.status === 404 || error.code === "near_no_place")) {
          nearError.textContent = t(error.status === 404 ? "link.near_unknown" : "link.near_no_place");
          nearInput.setAttribute("aria-invalid", "true");
          setNear("");
          return;
        }
        count.textContent = errorText(error);
      })
      .finally(() => {
        if (ask === asked) list.removeAttribute("aria-busy");
      });
  }
  load();
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => load(), SEARCH_DELAY_MS);
  });
  more.addEventListener("click", () => load(true));

  /** @param {SubmitEvent} event */
  function onSearch(event) {
    event.preventDefault();
    clearTimeout(timer);
    load();
  }

  /** @param {string} code the canonical code, or "" for every place again */
  function setNear(code) {
    near = code;
    nearClear.hidden = !code;
  }

  /** "Visa det som står där": the known label is checked on the phone first, then the list narrowed. */
  function onNear(/** @type {SubmitEvent} */ event) {
    event.preventDefault();
    const parsed = parseScanned(nearInput.value);
    if (!parsed.ok) {
      nearError.textContent = t(`link.code_${parsed.reason}`);
      nearInput.setAttribute("aria-invalid", "true");
      nearInput.focus();
      return;
    }
    nearError.textContent = "";
    nearInput.removeAttribute("aria-invalid");
    setNear(parsed.code);
    load();
  }
  nearClear.addEventListener("click", () => {
    nearInput.value = "";
    nearError.textContent = "";
    nearInput.removeAttribute("aria-invalid");
    setNear("");
    load();
    nearInput.focus();
  });

  /** "Koppla" on a row: the code is checked on the phone first, then sent as a link scan. */
  async function onLink(/** @type {Unlabelled} */ row) {
    const parsed = parseScanned(input.value);
    if (!parsed.ok) {
      codeError.textContent = t(`link.code_${parsed.reason}`);
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    codeError.textContent = "";
    input.removeAttribute("aria-invalid");
    status.textContent = t("link.busy");
    const event_ = { id: crypto.randomUUID(), code: parsed.code, action: "link", item_id: row.id,
      device_time: new Date().toISOString() };
    try {
      const { results: [result] } = await api("/api/scans/batch", { method: "POST", body: { events: [event_] } });
      if (result.status === "rejected") {
        status.textContent = t(`reason.${result.reason}`) === `reason.${result.reason}` ? result.message : t(`reason.${result.reason}`);
        return;
      }
      navigate(`/sak/${encodeURIComponent(row.id)}`);
    } catch (error) {
      status.textContent = errorText(error);
    }
  }

  return h(
    "section",
    { class: "link-view", "aria-labelledby": "link-title" },
    h("h1", { id: "link-title", text: t("link.title") }),
    h("p", { class: "link-view__intro", text: t("link.intro") }),
    h("div", { class: "field link-view__step" },
      h("label", { for: "link-code", class: "field__label", text: t("link.code") }),
      h("p", { id: "link-code-hint", class: "link-view__hint", text: t("link.code_hint") }),
      codeError,
      input),
    h("form", { class: "field link-view__step", role: "search", novalidate: true, onsubmit: onSearch },
      h("label", { for: "link-search", class: "field__label", text: t("link.search") }),
      h("p", { id: "link-search-hint", class: "link-view__hint", text: t("link.search_hint") }),
      search),
    h("form", { class: "field link-view__step", novalidate: true, onsubmit: onNear },
      h("label", { for: "link-near", class: "field__label", text: t("link.near") }),
      h("p", { id: "link-near-hint", class: "link-view__hint", text: t("link.near_hint") }),
      nearError,
      h("div", { class: "link-view__near" }, nearInput,
        h("button", { type: "submit", class: "button button--secondary", text: t("link.near_show") }))),
    count,
    nearClear,
    list,
    more,
    status,
    h("p", { class: "link-view__hint link-view__photo-intro", text: t("link.photo_intro") }),
    // A label linked from a photo takes its item off the list of unlabelled ones.
    photoResults({ onNewResult: () => load() }),
  );
}

/** Where an item is: "Lager Norra › Hylla A3", so identical items can be told apart. */
function placeText(/** @type {Unlabelled} */ row) {
  if (!row.location_name) return t("link.no_place");
  return row.location_parent_name ? `${row.location_parent_name} › ${row.location_name}` : row.location_name;
}

/**
 * One result: what and where, "Koppla" and the camera.
 * @param {Unlabelled} row @param {(row: Unlabelled) => void} onLink
 */
function resultRow(row, onLink) {
  const place = placeText(row);
  return h("li", { class: "link-view__row" },
    h("div", { class: "link-view__what" },
      h("span", { class: "link-view__title", text: row.title }),
      h("span", { class: "link-view__place", text: place }),
      row.inventory_number
        ? h("span", { class: "link-view__number", text: t("link.inventory_number", { number: row.inventory_number }) })
        : "",
      h("span", { class: "link-view__state", text: stateName(row.state) })),
    h("button", {
      type: "button", class: "button button--primary link-view__link", text: t("link.link"),
      "aria-label": t("link.link_item", { title: row.title,
        place: row.inventory_number ? `${place}, ${row.inventory_number}` : place }),
      onclick: () => onLink(row),
    }),
    photoButton(row, row.id));
}

/**
 * "Fotografera med etiketten": the camera, then the photo waits in the outbox for a network.
 * @param {{id: string, title: string}} row @param {string} index a key unique on the page
 */
function photoButton(row, index) {
  const id = `link-photo-${index}`;
  const note = h("p", { class: "link-view__photo-note", role: "status" });
  const input = /** @type {HTMLInputElement} */ (h("input", {
    id, class: "link-view__file", type: "file", accept: "image/*", capture: "environment",
    // The visible text is the same on every row; the name says which item it photographs.
    "aria-label": t("link.photo_item", { title: row.title }),
  }));
  input.addEventListener("change", async () => {
    const [file] = input.files ?? [];
    if (!file) return;
    note.textContent = t("link.photo_preparing");
    try {
      await queuePhoto(row.id, file, { title: row.title, label: true });
      note.textContent = t("link.photo_saved");
      afterEnqueue();
    } catch {
      note.textContent = t("error.generic");
    }
    input.value = "";  // the same row can be photographed again
  });
  return h("div", { class: "link-view__photo" },
    input,
    h("label", { for: id, class: "button button--secondary", text: t("link.photo") }),
    note);
}
