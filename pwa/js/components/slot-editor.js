/**
 * The bookable times of a service or staffing listing: one-off slots, or the same hours every week
 * up to a last day ("tisdagar 08–12 till och med juni"), each with room for a number of bookings.
 * A weekly repeat becomes one slot per week here, so the owner sees (and can remove) every one;
 * the server stores slots, not rules. Times are Swedish wall-clock time.
 */
import { h } from "../dom.js";
import { getLanguage, t } from "../i18n.js";

/** The server's limit per listing (backend/catalog/rules.py MAX_WINDOWS). */
export const MAX_SLOTS = 200;
const ZONE = "Europe/Stockholm";

/**
 * @typedef {{starts_at: string, ends_at: string, capacity: number}} Slot
 */

/**
 * The offset Stockholm has at a wall-clock time, as "+01:00" or "+02:00".
 * @param {string} day YYYY-MM-DD @param {string} time HH:MM
 * @returns {string}
 */
export function stockholmOffset(day, time) {
  const moment = new Date(`${day}T${time}:00Z`);
  const name = new Intl.DateTimeFormat("en-US", { timeZone: ZONE, timeZoneName: "longOffset" })
    .formatToParts(moment).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  return name === "GMT" ? "+00:00" : name.slice(3);
}

/**
 * Every slot a choice makes: one, or one a week from `day` through `until`.
 * @param {{day: string, from: string, to: string, capacity: number, until: string | null}} choice
 * @returns {Slot[]}
 */
export function expand({ day, from, to, capacity, until }) {
  const slots = [];
  const date = new Date(`${day}T12:00:00Z`);
  const last = new Date(`${until ?? day}T12:00:00Z`);
  while (date <= last && slots.length <= MAX_SLOTS) {
    const iso = date.toISOString().slice(0, 10);
    slots.push({ starts_at: `${iso}T${from}:00${stockholmOffset(iso, from)}`,
                 ends_at: `${iso}T${to}:00${stockholmOffset(iso, to)}`, capacity });
    date.setUTCDate(date.getUTCDate() + 7);
  }
  return slots;
}

/** @param {Slot} slot */
const key = (slot) => `${Date.parse(slot.starts_at)}-${Date.parse(slot.ends_at)}`;

/**
 * @param {{windows?: Slot[]}} props the listing's slots so far (editing)
 * @returns {{element: HTMLElement, slots: () => Slot[], focus: () => void}}
 */
export function slotEditor({ windows = [] }) {
  /** @type {Map<string, Slot>} */
  const chosen = new Map(windows.map((w) => [key(w), { starts_at: w.starts_at, ends_at: w.ends_at,
                                                        capacity: w.capacity }]));
  const input = (/** @type {string} */ name, /** @type {Record<string, any>} */ attrs) =>
    h("input", { id: `slot-${name}`, class: "field__input", ...attrs });
  const labelled = (/** @type {string} */ name, /** @type {string} */ label, /** @type {HTMLElement} */ control) =>
    h("div", { class: `field slot-editor__field slot-editor__field--${name}` },
      h("label", { class: "field__label", for: `slot-${name}`, text: t(label) }), control);
  const day = input("day", { type: "date" });
  const from = input("from", { type: "time", value: "08:00", step: "900" });
  const to = input("to", { type: "time", value: "12:00", step: "900" });
  const capacity = input("capacity", { type: "number", min: "1", max: "1000", value: "1", inputmode: "numeric" });
  const repeat = h("select", { id: "slot-repeat", class: "field__input" },
    h("option", { value: "once", text: t("slots.once") }), h("option", { value: "weekly", text: t("slots.weekly") }));
  const until = input("until", { type: "date" });
  const untilField = labelled("until", "slots.until", until);
  const add = h("button", { type: "button", class: "button button--secondary", text: t("slots.add") });
  const status = h("p", { class: "slot-editor__status", role: "status", "aria-live": "polite" });
  const count = h("p", { class: "slot-editor__count", id: "slot-count" });
  const list = h("ul", { class: "slot-editor__list", "aria-labelledby": "slot-count" });
  const element = h("fieldset", { class: "slot-editor" },
    h("legend", { class: "slot-editor__legend", text: t("slots.title") }),
    h("p", { class: "listing-form__hint", text: t("slots.hint") }),
    h("div", { class: "slot-editor__grid" }, labelled("day", "slots.day", day), labelled("from", "slots.from", from),
      labelled("to", "slots.to", to), labelled("capacity", "slots.capacity", capacity),
      labelled("repeat", "slots.repeat", repeat), untilField),
    add, status, count, list);

  const showUntil = () => { untilField.hidden = repeat.value !== "weekly"; };
  repeat.addEventListener("change", showUntil);
  showUntil();

  const format = () => ({
    day: new Intl.DateTimeFormat(getLanguage() === "en" ? "en-GB" : "sv-SE",
                                 { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: ZONE }),
    time: new Intl.DateTimeFormat("sv-SE", { hour: "2-digit", minute: "2-digit", timeZone: ZONE }),
  });

  function render() {
    const { day: dayText, time } = format();
    const sorted = [...chosen.values()].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
    count.textContent = t("slots.count", { count: sorted.length });
    list.replaceChildren(...sorted.map((slot) => {
      const when = `${dayText.format(new Date(slot.starts_at))}, ${time.format(new Date(slot.starts_at))}–` +
                   `${time.format(new Date(slot.ends_at))}`;
      const text = `${when} · ${t("slots.places", { count: slot.capacity })}`;
      return h("li", { class: "slot-editor__slot" }, h("span", { text }),
        h("button", { type: "button", class: "button button--secondary slot-editor__remove", text: t("slots.remove"),
                      "aria-label": t("slots.remove_one", { when }),
                      onclick: () => { chosen.delete(key(slot)); render(); status.textContent = ""; } }));
    }));
  }

  /** @param {HTMLElement} control @param {string} message */
  function refuse(control, message) {
    status.textContent = t(message);
    control.setAttribute("aria-invalid", "true");
    control.focus();
  }

  add.addEventListener("click", () => {
    for (const control of element.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
    const places = Number(capacity.value);
    const weekly = repeat.value === "weekly";
    if (!day.value) return refuse(day, "slots.day_missing");
    if (!from.value || !to.value || to.value <= from.value) return refuse(to, "slots.times_bad");
    if (!Number.isInteger(places) || places < 1 || places > 1000) return refuse(capacity, "slots.capacity_bad");
    if (weekly && (!until.value || until.value < day.value)) return refuse(until, "slots.until_bad");
    const made = expand({ day: day.value, from: from.value, to: to.value, capacity: places,
                          until: weekly ? until.value : null });
    const after = new Map(chosen);
    for (const slot of made) after.set(key(slot), slot);
    if (after.size > MAX_SLOTS) return refuse(weekly ? until : day, "slots.too_many");
    for (const [k, slot] of after) chosen.set(k, slot);
    render();
    status.textContent = t("slots.added", { count: made.length });
  });

  render();
  return { element, slots: () => [...chosen.values()], focus: () => day.focus() };
}
