/**
 * A listing's photos as on a marketplace: the first one large, thumbnails below it to switch,
 * a swipe on the large one for the next or previous, and a tap (or Enter) to see it full size in a
 * dialog that the arrow keys page through and Escape closes.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";

/**
 * @param {{photos: any[], title: string}} props
 * @returns {HTMLElement}
 */
export function listingGallery({ photos, title }) {
  if (!photos.length) return h("p", { class: "listing-gallery__none", text: t("catalog.no_photos") });
  const count = photos.length;
  let shown = 0;
  const alt = (/** @type {number} */ i) => t("catalog.photo_alt", { n: i + 1, count, title });
  const large = h("img", { class: "listing-gallery__image", alt: "" });
  const open = h("button", { type: "button", class: "listing-gallery__open", onclick: () => showFull() }, large);
  const thumbs = photos.map((photo, i) => h("li", {},
    h("button", { type: "button", class: "listing-gallery__thumb", "aria-label": t("listing.photo_show", { n: i + 1, count }),
                  onclick: () => show(i) },
      h("img", { src: photo.thumb_url, alt: "", width: "64", height: "64", loading: "lazy" }))));
  const full = h("img", { class: "listing-gallery__full", alt: "" });
  const caption = h("p", { class: "listing-gallery__caption", "aria-live": "polite" });
  const dialog = /** @type {HTMLDialogElement} */ (h("dialog", { class: "listing-gallery__dialog",
                                                                 "aria-label": t("catalog.photos") },
    h("div", { class: "listing-gallery__bar" }, caption,
      h("button", { type: "button", class: "button", text: t("listing.close"), onclick: () => dialog.close() })),
    full,
    count > 1 ? h("div", { class: "listing-gallery__steps" },
      h("button", { type: "button", class: "button", text: t("listing.previous_photo"), onclick: () => step(-1) }),
      h("button", { type: "button", class: "button", text: t("listing.next_photo"), onclick: () => step(1) })) : null));
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "ArrowLeft") step(-1);
    if (event.key === "ArrowRight") step(1);
  });
  swipe(open, step);

  /** @param {number} i */
  function show(i) {
    shown = (i + count) % count;
    const photo = photos[shown];
    Object.assign(large, { src: photo.display_url, alt: alt(shown) });
    large.setAttribute("width", String(photo.width));
    large.setAttribute("height", String(photo.height));
    open.setAttribute("aria-label", t("listing.photo_open", { n: shown + 1, count, title }));
    thumbs.forEach((li, n) => li.firstElementChild?.setAttribute("aria-current", n === shown ? "true" : "false"));
    Object.assign(full, { src: photo.display_url, alt: alt(shown) });
    caption.textContent = t("listing.photo_n", { n: shown + 1, count });
  }

  /** @param {number} by */
  function step(by) {
    if (count > 1) show(shown + by);
  }

  function showFull() {
    if (!dialog.open) dialog.showModal();
  }

  show(0);
  const element = h("div", { class: "listing-gallery" }, open, dialog);
  if (count > 1) element.append(h("ul", { class: "listing-gallery__thumbs", "aria-label": t("catalog.photos") }, thumbs));
  return element;
}

/** A horizontal swipe on `target` steps through the photos; a tap still opens the full size.
 * @param {HTMLElement} target @param {(by: number) => void} step */
function swipe(target, step) {
  let x = 0;
  let moved = false;
  target.addEventListener("pointerdown", (event) => { x = event.clientX; moved = false; });
  target.addEventListener("pointerup", (event) => {
    const dx = event.clientX - x;
    if (Math.abs(dx) > 40) {
      moved = true;
      step(dx < 0 ? 1 : -1);
    }
  });
  // A swipe is not a tap: the click that follows it does not open the dialog.
  target.addEventListener("click", (event) => {
    if (moved) {
      event.stopImmediatePropagation();
      moved = false;
    }
  }, { capture: true });
}
