/**
 * Notification settings: turning push on for this device (permission is asked only when the
 * button is pressed, after the explanation), a test push, how each kind reaches the person (push,
 * e-mail, both, none or a daily digest e-mail), and quiet hours.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { disablePush, enablePush, pushState } from "../push.js";
import { currentUser } from "../session.js";

/** How a kind of event can reach a person, in the order the choice lists them. */
export const CHANNELS = ["push", "email", "both", "digest", "none"];

export const KINDS = [
  "want_matched", "booking_requested", "booking_approved", "booking_declined", "booking_cancelled",
  "booking_changed", "pickup_due", "return_due", "job_assigned", "job_changed",
  "message_received",
];

/** @returns {HTMLElement} */
export function pushSettingsView() {
  return h(
    "section",
    { class: "push-settings", "aria-labelledby": "push-settings-title" },
    h("h1", { id: "push-settings-title", text: t("push.title") }),
    deviceCard(),
    preferencesForm(),
    currentUser()?.roles?.includes("admin") ? defaultsForm() : null,
  );
}

function deviceCard() {
  const state = h("p", { class: "push-settings__state", role: "status", "aria-live": "polite" });
  const toggle = h("button", { type: "button", class: "button button--primary" });
  const test = h("button", { type: "button", class: "button button--secondary", text: t("push.test") });
  /** @type {import("../push.js").PushState} */
  let current = "off";

  /** @param {import("../push.js").PushState} next */
  function show(next) {
    current = next;
    state.textContent = t(`push.state_${next}`);
    toggle.hidden = next === "unsupported" || next === "denied";
    toggle.textContent = next === "on" ? t("push.disable") : t("push.enable");
    toggle.className = `button ${next === "on" ? "button--secondary" : "button--primary"}`;
  }

  toggle.addEventListener("click", () =>
    busy(toggle, t("push.working"), async () => {
      try {
        show(current === "on" ? (await disablePush(), "off") : await enablePush());
      } catch (error) {
        state.textContent = error instanceof ApiError ? errorText(error) : t("push.failed");
      }
    }),
  );
  test.addEventListener("click", () =>
    busy(test, t("push.working"), async () => {
      try {
        const { devices } = await api("/api/push/test", { method: "POST" });
        state.textContent = devices ? t("push.test_sent", { count: devices }) : t("push.test_none");
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        state.textContent = errorText(error);
      }
    }),
  );
  pushState().then(show);
  return h(
    "section",
    { class: "push-settings__card", "aria-labelledby": "push-device-title" },
    h("h2", { id: "push-device-title", text: t("push.device") }),
    h("p", { text: t("push.explain") }),
    h("p", { text: t("push.explain_permission") }),
    state,
    h("div", { class: "push-settings__actions" }, toggle, test),
  );
}

function preferencesForm() {
  const status = h("p", { class: "push-settings__status", role: "status", "aria-live": "polite" });
  const boxes = Object.fromEntries(KINDS.map((kind) => [kind, channelSelect(kind)]));
  const offNotes = Object.fromEntries(KINDS.map((kind) => [kind, h("p", {
    class: "push-settings__off", id: `kind-${kind}-off`, text: t("push.kind_off"), hidden: true })]));
  /** @type {string[]} */
  let offKinds = [];
  const quietOn = h("input", { type: "checkbox", id: "quiet-on" });
  const start = h("input", { type: "time", id: "quiet-start", class: "field__input", value: "22:00" });
  const end = h("input", { type: "time", id: "quiet-end", class: "field__input", value: "07:00" });
  const save = h("button", { type: "submit", class: "button button--primary", text: t("push.save") });
  let version = 1;
  for (const control of [...Object.values(boxes), quietOn, start, end, save]) control.disabled = true;

  /** @param {any} prefs a PreferencesRead */
  function fill(prefs) {
    version = prefs.version;
    offKinds = prefs.off_kinds || [];
    for (const kind of KINDS) {
      boxes[kind].value = prefs.channels[kind];
      offNotes[kind].hidden = !offKinds.includes(kind);
      // A hidden note would still be read out as the description: point to it only when it shows.
      if (offKinds.includes(kind)) boxes[kind].setAttribute("aria-describedby", offNotes[kind].id);
      else boxes[kind].removeAttribute("aria-describedby");
    }
    quietOn.checked = Boolean(prefs.quiet_start);
    if (prefs.quiet_start) start.value = prefs.quiet_start;
    if (prefs.quiet_end) end.value = prefs.quiet_end;
    usable(true);
  }
  /**
   * The choices can be changed only while they show what is saved: a tick made before they
   * arrive, or while a save is on its way, would be overwritten by the answer.
   * @param {boolean} on
   */
  function usable(on) {
    for (const control of [quietOn, save]) control.disabled = !on;
    for (const kind of KINDS) boxes[kind].disabled = !on || offKinds.includes(kind);
    syncQuiet();
  }
  function syncQuiet() {
    start.disabled = end.disabled = quietOn.disabled || !quietOn.checked;
  }
  quietOn.addEventListener("change", syncQuiet);

  const form = h(
    "form",
    { class: "push-settings__card", "aria-labelledby": "push-kinds-title", novalidate: true },
    h("h2", { id: "push-kinds-title", text: t("push.kinds") }),
    h(
      "fieldset",
      { class: "push-settings__kinds" },
      h("legend", { text: t("push.kinds_hint") }),
      KINDS.map((kind) => h("div", { class: "push-settings__kind" },
                            h("label", { for: `kind-${kind}`, text: t(`push.kind.${kind}`) }), boxes[kind],
                            offNotes[kind])),
    ),
    h(
      "fieldset",
      { class: "push-settings__quiet" },
      h("legend", { text: t("push.quiet") }),
      h("p", { class: "push-settings__hint", text: t("push.quiet_hint") }),
      h("div", { class: "push-settings__check" }, quietOn, h("label", { for: "quiet-on", text: t("push.quiet_on") })),
      h("div", { class: "push-settings__times" },
        h("div", { class: "field" }, h("label", { class: "field__label", for: "quiet-start", text: t("push.quiet_start") }), start),
        h("div", { class: "field" }, h("label", { class: "field__label", for: "quiet-end", text: t("push.quiet_end") }), end)),
    ),
    status,
    save,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(save, t("push.saving"), async () => {
      const body = {
        version,
        channels: Object.fromEntries(KINDS.map((kind) => [kind, boxes[kind].value])),
        quiet_start: quietOn.checked ? start.value : null,
        quiet_end: quietOn.checked ? end.value : null,
      };
      usable(false);
      try {
        fill(await api("/api/push/preferences", { method: "PUT", body }));
        status.textContent = t("push.saved");
      } catch (error) {
        if (!(error instanceof ApiError)) {
          usable(true);
          throw error;
        }
        if (error.code === "stale_version") await api("/api/push/preferences").then(fill, () => {});
        usable(true);
        status.textContent = error.code === "stale_version" ? t("push.stale") : errorText(error);
      }
    });
  });
  api("/api/push/preferences").then(fill).catch((error) => {
    status.textContent = error instanceof ApiError ? errorText(error) : t("push.failed");
  });
  return form;
}

/**
 * The municipality's defaults (admins): the channel of each kind for everyone who has not chosen,
 * and the kinds switched off for everyone (they then reach only the list under Notiser).
 * @returns {HTMLElement}
 */
function defaultsForm() {
  const status = h("p", { class: "push-settings__status", role: "status", "aria-live": "polite" });
  const selects = Object.fromEntries(KINDS.map((kind) => [kind, channelSelect(kind, "default-kind")]));
  const offs = Object.fromEntries(KINDS.map((kind) => [kind, h("input", { type: "checkbox", id: `default-off-${kind}` })]));
  const save = h("button", { type: "submit", class: "button button--primary", text: t("push.defaults_save") });
  const controls = [...Object.values(selects), ...Object.values(offs), save];
  let version = 1;
  for (const control of controls) control.disabled = true;

  /** @param {any} defaults a DefaultsRead */
  function fill(defaults) {
    version = defaults.version;
    for (const kind of KINDS) {
      selects[kind].value = defaults.channels[kind];
      /** @type {HTMLInputElement} */ (offs[kind]).checked = defaults.off_kinds.includes(kind);
    }
    for (const control of controls) control.disabled = false;
  }
  const form = h("form", { class: "push-settings__card", "aria-labelledby": "push-defaults-title", novalidate: true },
    h("h2", { id: "push-defaults-title", text: t("push.defaults") }),
    h("p", { class: "push-settings__hint", text: t("push.defaults_hint") }),
    h("fieldset", { class: "push-settings__kinds" },
      h("legend", { text: t("push.defaults_legend") }),
      KINDS.map((kind) => h("div", { class: "push-settings__kind" },
        h("label", { for: `default-kind-${kind}`, text: t(`push.kind.${kind}`) }), selects[kind],
        h("div", { class: "push-settings__check" }, offs[kind],
          h("label", { for: `default-off-${kind}`, text: t("push.defaults_off") }))))),
    status, save);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(save, t("push.saving"), async () => {
      const body = { version, channels: Object.fromEntries(KINDS.map((kind) => [kind, selects[kind].value])),
                     off_kinds: KINDS.filter((kind) => /** @type {HTMLInputElement} */ (offs[kind]).checked) };
      try {
        fill(await api("/api/mail/defaults", { method: "PUT", body }));
        status.textContent = t("push.defaults_saved");
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.code === "stale_version") await api("/api/mail/defaults").then(fill, () => {});
        status.textContent = error.code === "stale_version" ? t("push.stale") : errorText(error);
      }
    });
  });
  api("/api/mail/defaults").then(fill).catch((error) => {
    status.textContent = error instanceof ApiError ? errorText(error) : t("push.failed");
  });
  return form;
}

/** @param {string} kind @param {string} [prefix] @returns {HTMLSelectElement} */
function channelSelect(kind, prefix = "kind") {
  const select = /** @type {HTMLSelectElement} */ (h("select", {
    id: `${prefix}-${kind}`, class: "field__input" },
    CHANNELS.map((channel) => h("option", { value: channel, text: t(`push.channel.${channel}`) }))));
  select.selectedIndex = -1; // nothing shown until the saved choice arrives (never a guess that looks saved)
  return select;
}

/**
 * Run one action at a time per button, saying on the button that it is working.
 * @param {HTMLElement} button @param {string} label @param {() => Promise<void>} work
 */
async function busy(button, label, work) {
  if (button.getAttribute("aria-disabled") === "true") return;
  const before = button.textContent;
  button.setAttribute("aria-disabled", "true");
  button.textContent = label;
  try {
    await work();
  } finally {
    button.removeAttribute("aria-disabled");
    if (button.textContent === label) button.textContent = before;
  }
}
