/**
 * The scan screen: pick the task (an item, put-away, loading, or a job from the day list),
 * scan with the camera or type the code, then choose one of the actions valid for the item.
 * A scan is confirmed only after the outbox has stored it in IndexedDB.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { parseScanned } from "../scan/codes.js";
import { interpret, offeredActions, outsideJobs, record, taskFromUrl, urlFor } from "../scan/flow.js";
import { beep, unlockAudio } from "../scan/feedback.js";
import { afterEnqueue } from "../outbox/sync.js";
import { queuePhoto } from "../outbox/photos.js";
import { manualEntry } from "./manual-entry.js";
import { outsideJobsQuestion } from "./outside-jobs-question.js";
import { clockWarning } from "./clock-warning.js";
import { outboxStatus } from "./outbox-status.js";
import { photoResults } from "./photo-results.js";
import { scanCamera } from "./scan-camera.js";
import { scanResult } from "./scan-result.js";

/**
 * @typedef {object} Screen
 * @property {import("../scan/flow.js").Task} task
 * @property {import("../scan/flow.js").Place | null} place
 * @property {number} saved
 * @property {Record<"prompt" | "feedback" | "result" | "tally" | "changePlace", HTMLElement>} ui
 */

/** @returns {HTMLElement} */
export function scanView() {
  /** @type {Screen} */
  const screen = {
    task: taskFromUrl(location.search),
    place: null,
    saved: 0,
    ui: {
      prompt: h("p", { class: "scan-view__prompt", id: "scan-prompt" }),
      feedback: h("p", { class: "scan-view__feedback", role: "status", "data-testid": "scan-feedback" }),
      result: h("div", { class: "scan-view__result" }),
      tally: h("p", { class: "scan-view__tally" }),
      changePlace: h("button", { type: "button", class: "button button--secondary", hidden: true, text: t("scan.change_place") }),
    },
  };
  const { ui } = screen;
  ui.changePlace.addEventListener("click", () => setPlace(screen, null));
  const view = h(
    "section",
    { class: "scan-view", "aria-labelledby": "scan-title", onpointerdown: unlockAudio, onkeydown: unlockAudio },
    h("h1", { id: "scan-title", text: t("scan.title") }),
    screen.task === "job" ? null : taskChoice(screen),
    screen.task === "job" ? null : h("p", { class: "scan-view__stocktake" },
      h("a", { href: "/inventering", text: t("stocktake.start_title") })),
    ui.prompt,
    ui.changePlace,
    scanCamera({ onText: (text) => onText(screen, text), onReady: (kind) => (view.dataset.ready = kind) }),
    ui.feedback,
    ui.result,
    manualEntry({ onCode: (code) => onCode(screen, code) }),
    ui.tally,
    clockWarning(),
    outboxStatus(),
    photoResults(),
  );
  setPlace(screen, null);
  return view;
}

/**
 * The confirmation: text in a live region, a colour flash, a beep and a vibration.
 * @param {Screen} screen @param {string} message @param {"ok" | "error" | "info"} kind
 */
function say({ ui }, message, kind) {
  ui.feedback.textContent = message;
  ui.feedback.dataset.kind = kind;
  // Restart the flash animation even when the same kind comes twice in a row.
  ui.feedback.classList.remove("scan-view__feedback--flash");
  void ui.feedback.offsetWidth;
  ui.feedback.classList.add("scan-view__feedback--flash");
  if (kind !== "info") beep(kind);
}

/** @param {Screen} screen @param {import("../scan/flow.js").Place | null} place */
function setPlace(screen, place) {
  screen.place = place;
  screen.ui.changePlace.hidden = !place;
  screen.ui.result.replaceChildren();
  const waitingFor = screen.task === "putaway" ? "scan.prompt.shelf" : "scan.prompt.vehicle";
  const placeTask = screen.task === "putaway" || screen.task === "loading";
  screen.ui.prompt.textContent = !placeTask
    ? t("scan.prompt.free")
    : place
      ? t("scan.prompt.items", { place: place.title })
      : t(waitingFor);
}

/** @param {Screen} screen @param {string} text what the camera read */
function onText(screen, text) {
  const parsed = parseScanned(text);
  if (!parsed.ok) say(screen, t(parsed.reason === "mistyped" ? "scan.mistyped" : "scan.foreign"), "error");
  else onCode(screen, parsed.code);
}

/**
 * @param {Screen} screen
 * @param {string} code a code with a valid check character
 * @returns {Promise<string | null>} a problem to show beside a typed code, or null
 */
async function onCode(screen, code) {
  const meaning = await interpret(code, screen.task, screen.place);
  if ("problem" in meaning) {
    say(screen, meaning.problem, "error");
    return meaning.problem;
  }
  if ("place" in meaning) {
    setPlace(screen, meaning.place);
    say(screen, t("scan.place_set", { place: meaning.place.title }), "ok");
  } else if ("info" in meaning) say(screen, meaning.info, "info");
  else showActions(screen, meaning.code, meaning.item);
  return null;
}

/** @param {Screen} screen @param {string} code @param {import("../scan/flow.js").Item | null} item */
function showActions(screen, code, item) {
  screen.ui.result.replaceChildren(
    scanResult({
      code,
      item,
      actions: offeredActions(screen.task, screen.place, item),
      onAction: (action, label) => act(screen, { action, label, code, item }),
      onPhoto: item ? (file) => photo(screen, item, file) : null,
    }),
  );
  say(screen, item?.title ?? t("scan.code", { code }), "info");
  /** @type {HTMLElement | null} */ (screen.ui.result.querySelector("button"))?.focus();
}

/**
 * @param {Screen} screen
 * @param {{action: string, label: string, code: string, item: import("../scan/flow.js").Item | null}} choice
 */
async function act(screen, { action, label, code, item }) {
  unlockAudio();
  if (await outsideJobs(action, code, item).catch(() => false)) {
    askOutsideJobs(screen, { action, label, code, item });
    return;
  }
  await save(screen, { action, label, code, item });
}

/**
 * A pickup of an item on none of the driver's jobs: recorded only if the driver says so.
 * @param {Screen} screen
 * @param {{action: string, label: string, code: string, item: import("../scan/flow.js").Item | null}} choice
 */
function askOutsideJobs(screen, choice) {
  const title = choice.item?.title ?? t("scan.code", { code: choice.code });
  const question = outsideJobsQuestion({
    title,
    onConfirm: () => save(screen, choice, { outsideJobs: true }),
    onDecline: () => {
      screen.ui.result.replaceChildren();
      say(screen, t("pickup.outside_declined", { title }), "info");
    },
  });
  screen.ui.result.replaceChildren(question);
  say(screen, title, "info");
  /** @type {HTMLElement | null} */ (question.querySelector("button"))?.focus();
}

/**
 * @param {Screen} screen
 * @param {{action: string, label: string, code: string, item: import("../scan/flow.js").Item | null}} choice
 * @param {{outsideJobs?: boolean}} [options]
 */
async function save(screen, { action, label, code, item }, options = {}) {
  try {
    await record(action, code, item, screen.place, options);
  } catch {
    say(screen, t("error.generic"), "error");
    return;
  }
  // Stored: from here on the scan survives a closed tab, so it can be confirmed.
  const saved = item ? t("scan.saved", { action: label, title: item.title }) : t("scan.saved_plain", { action: label });
  say(screen, options.outsideJobs ? `${saved}. ${t("pickup.outside_saved")}` : saved, "ok");
  screen.saved += 1;
  screen.ui.tally.textContent = t("scan.count", { count: screen.saved });
  screen.ui.result.replaceChildren();
  afterEnqueue();
}

/** @param {Screen} screen @param {import("../scan/flow.js").Item} item @param {File} file */
async function photo(screen, item, file) {
  try {
    // The title names the item when the upload's outcome (a label linked or not) is shown.
    await queuePhoto(item.id, file, { title: item.title });
    say(screen, t("scan.photo_saved"), "ok");
    afterEnqueue();
  } catch {
    say(screen, t("error.generic"), "error");
  }
}

/** @param {Screen} screen */
function taskChoice(screen) {
  const option = (/** @type {"free" | "putaway" | "loading"} */ task) =>
    h(
      "label",
      { class: "scan-view__task" },
      h("input", {
        type: "radio",
        name: "scan-task",
        value: task,
        checked: task === screen.task,
        onchange: () => {
          screen.task = task;
          history.replaceState(null, "", urlFor(task));
          setPlace(screen, null);
          screen.ui.feedback.textContent = "";
        },
      }),
      h("span", { text: t(`scan.task.${task}`) }),
    );
  return h("fieldset", { class: "scan-view__tasks" }, h("legend", { text: t("scan.task") }), option("free"), option("putaway"), option("loading"));
}
