/**
 * A listing's photos while it is edited: the ones it has, each deletable after a confirmation,
 * and more taken with the camera. New photos are downsized on the phone (≤ 1600 px, no EXIF)
 * and sent with a progress bar; photo changes are saved at once, apart from the form's fields.
 */
import { h, replaceChildren } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { getCsrfToken } from "../csrf.js";
import { downsize } from "../outbox/photos.js";
import { confirmButton } from "./confirm-button.js";
import { photoPicker } from "./photo-picker.js";

/** The server's limit per listing (backend/catalog/photos.py MAX_PHOTOS). */
export const MAX_PHOTOS = 12;

/**
 * A progress bar with its label, hidden while nothing is being sent.
 * @param {string} id
 * @returns {{element: HTMLElement, show: (fraction: number | null, text: string) => void, hide: () => void}}
 */
export function uploadProgress(id) {
  const text = h("span", { id: `${id}-text`, class: "upload-progress__text" });
  const bar = /** @type {HTMLProgressElement} */ (h("progress", { id, class: "upload-progress__bar", max: "100",
                                                                   "aria-labelledby": `${id}-text` }));
  const element = h("div", { class: "upload-progress", hidden: true }, text, bar);
  return {
    element,
    show(fraction, message) {
      element.hidden = false;
      text.textContent = message;
      // No value: an indeterminate bar while the phone is still downsizing.
      if (fraction === null) bar.removeAttribute("value");
      else bar.value = Math.round(fraction * 100);
    },
    hide() {
      element.hidden = true;
    },
  };
}

/**
 * The photos chosen for a new listing, shown before it is published (the browser reads them locally).
 * @param {HTMLInputElement} input the file input
 * @returns {HTMLElement}
 */
export function photoPreview(input) {
  const list = h("ul", { class: "photo-preview__list", "aria-label": t("listing.preview") });
  const element = h("div", { class: "photo-preview", hidden: true }, list);
  /** @type {string[]} */
  let urls = [];
  input.addEventListener("change", () => {
    for (const url of urls) URL.revokeObjectURL(url);
    const files = [...input.files ?? []];
    urls = files.map((file) => URL.createObjectURL(file));
    replaceChildren(list, ...files.map((file, i) => h("li", { class: "photo-preview__item" },
      h("img", { src: urls[i], alt: t("listing.preview_alt", { n: i + 1, count: files.length, name: file.name }),
                 width: "96", height: "96" }))));
    element.hidden = files.length === 0;
  });
  return element;
}

/**
 * Downsize each photo on the phone, then send them in one multipart request.
 * XMLHttpRequest rather than fetch: only it reports how much of the body has been sent.
 * @param {string} listingId
 * @param {File[]} files
 * @param {(fraction: number | null) => void} [onProgress] null while downsizing, then 0…1 of the bytes sent
 * @returns {Promise<any[]>} the new photos (PhotoRead)
 * @throws {ApiError}
 */
export async function uploadPhotos(listingId, files, onProgress = () => {}) {
  onProgress(null);
  const form = new FormData();
  for (const [i, file] of files.entries()) {
    let blob;
    try {
      blob = await downsize(file);
    } catch {
      throw new ApiError({ status: 415, code: "not_an_image" }); // the phone cannot read it as a picture
    }
    form.append("photos", blob, `photo-${i + 1}.jpg`);
  }
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/listings/${encodeURIComponent(listingId)}/photos`);
    request.setRequestHeader("Accept", "application/json");
    const token = getCsrfToken();
    if (token) request.setRequestHeader("X-CSRF-Token", token);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener("load", () => {
      let data = null;
      try {
        data = JSON.parse(request.responseText);
      } catch {
        // An empty or non-JSON answer: the status code decides.
      }
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(Array.isArray(data) ? data : []);
      } else {
        reject(new ApiError({ status: request.status, code: data?.error ?? `http_${request.status}`,
                              detail: data?.detail ?? "" }));
      }
    });
    request.addEventListener("error", () => reject(new ApiError({ status: 0, code: "network_error" })));
    request.send(form);
  });
}

/**
 * @param {{listing: any}} props a ListingRead the user may edit
 * @returns {HTMLElement}
 */
export function listingPhotos({ listing }) {
  /** @type {any[]} */
  let photos = [...listing.photos];
  const status = h("p", { class: "listing-photos__status", role: "status", "aria-live": "polite" });
  const count = h("p", { class: "listing-photos__count" });
  const list = h("ul", { class: "listing-photos__list", "aria-labelledby": "listing-photos-title" });
  const picker = photoPicker({ id: "listing-photos-add", button: t("catalog.photos_add"), hint: t("catalog.photos_hint"),
                               hintClass: "listing-form__hint", multiple: true });
  const input = picker.input;
  const progress = uploadProgress("listing-photos-progress");

  function render() {
    count.textContent = t("catalog.photo_count", { count: photos.length, max: MAX_PHOTOS });
    replaceChildren(list, ...photos.map((photo, i) => h("li", { class: "listing-photos__photo" },
      h("img", { src: photo.thumb_url, class: "listing-photos__thumb", width: "96", height: "96",
                 alt: t("catalog.photo_alt", { n: i + 1, count: photos.length, title: listing.title }) }),
      confirmButton({ label: t("catalog.photo_delete", { n: i + 1 }),
                      question: t("catalog.photo_delete_question", { n: i + 1 }),
                      yes: t("catalog.photo_delete_yes"), onConfirm: () => remove(photo) }))));
  }

  /** @param {any} photo */
  async function remove(photo) {
    try {
      await api(`/api/photos/${encodeURIComponent(photo.id)}`, { method: "DELETE" });
      const at = photos.indexOf(photo);
      photos = photos.filter((p) => p !== photo);
      render();
      status.textContent = t("catalog.photo_deleted");
      // Focus the photo that took its place, or the one before, or the camera button.
      const buttons = list.querySelectorAll("button");
      /** @type {HTMLElement} */ (buttons[Math.min(at, buttons.length - 1)] ?? input).focus();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    }
  }

  let busy = false;
  input.addEventListener("change", async () => {
    const files = [...(input.files ?? [])];
    if (!files.length || busy) return;
    if (photos.length + files.length > MAX_PHOTOS) {
      status.textContent = t("error.too_many_photos");
      input.value = "";
      return;
    }
    busy = true;
    status.textContent = "";
    try {
      const added = await uploadPhotos(listing.id, files, (fraction) => progress.show(fraction, fraction === null
        ? t("catalog.photos_preparing") : t("catalog.photos_sending", { percent: Math.round(fraction * 100) })));
      photos = [...photos, ...added];
      render();
      status.textContent = t("catalog.photos_added", { count: added.length });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    } finally {
      progress.hide();
      input.value = "";
      busy = false;
    }
  });

  render();
  return h("section", { class: "listing-photos", "aria-labelledby": "listing-photos-title" },
    h("h2", { id: "listing-photos-title", text: t("catalog.photos") }),
    h("p", { class: "listing-photos__hint", text: t("catalog.photos_saved_at_once") }),
    count, list,
    picker.element,
    progress.element, status);
}
