/**
 * The scan screen: pick the task (an item, put-away, loading, or a job from the day list),
 * scan with the camera or type the code, then choose one of the actions valid for the item.
 * A scan is confirmed only after the outbox has stored it in IndexedDB.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { parseScanned } from "../scan/codes.js";
import { lookUp } from "../scan/lookup.js";
import { actionsFor, nextState } from "../scan/actions.js";
import { beep, unlockAudio } from "../scan/feedback.js";
import { enqueue } from "../outbox/queue.js";
import { afterEnqueue } from "../outbox/sync.js";
import { queuePhoto } from "../outbox/photos.js";
import { rememberState } from "../offline/shift.js";
import { manualEntry } from "./manual-entry.js";
import { outboxStatus } from "./outbox-status.js";
import { scanCamera } from "./scan-camera.js";
import { scanResult } from "./scan-result.js";

/** URL words (Swedish, they show in the address bar) for the tasks. */
const TASK_PARAM = { inlagring: "putaway", lastning: "loading", jobb: "job" };
const PARAM_FOR = { putaway: "inlagring", loading: "lastning", job: "jobb", free: "" };

/** @returns {HTMLElement} */
export function scanView() {
  const params = new URLSearchParams(location.search);
  /** @type {import("../scan/actions.js").Task} */
  let task = TASK_PARAM[/** @type {keyof typeof TASK_PARAM} */ (params.get("uppgift") ?? "")] ?? "free";
  /** @type {{code: string, title: string} | null} */
  let place = null;
  let saved = 0;

  const prompt = h("p", { class: "scan-view__prompt", id: "scan-prompt" });
  const feedback = h("p", { class: "scan-view__feedback", role: "status", "data-testid": "scan-feedback" });
  const result = h("div", { class: "scan-view__result" });
  const tally = h("p", { class: "scan-view__tally" });
  const changePlace = h("button", {
    type: "button",
    class: "button button--secondary",
    hidden: true,
    text: t("scan.change_place"),
    onclick: () => setPlace(null),
  });

  /** @param {string} message @param {"ok" | "error" | "info"} kind */
  function say(message, kind) {
    feedback.textContent = message;
    feedback.dataset.kind = kind;
    // Restart the flash animation even when the same kind comes twice in a row.
    feedback.classList.remove("scan-view__feedback--flash");
    void feedback.offsetWidth;
    feedback.classList.add("scan-view__feedback--flash");
    if (kind !== "info") beep(kind);
  }

  /** @param {{code: string, title: string} | null} next */
  function setPlace(next) {
    place = next;
    changePlace.hidden = !place;
    result.replaceChildren();
    const waitingFor = task === "putaway" ? "scan.prompt.shelf" : "scan.prompt.vehicle";
    if (task === "putaway" || task === "loading") {
      prompt.textContent = place ? t("scan.prompt.items", { place: place.title }) : t(waitingFor);
    } else prompt.textContent = t("scan.prompt.free");
  }

  /**
   * @param {string} code a valid code
   * @returns {Promise<string | null>} a problem to show beside the typed code, or null
   */
  async function onCode(code) {
    const found = await lookUp(code);
    const problem = problemFor(found, code);
    if (problem) {
      say(problem, "error");
      return problem;
    }
    if ((task === "putaway" || task === "loading") && !place) {
      const title = found.kind === "location" ? found.title : t("scan.code", { code });
      setPlace({ code, title });
      say(t("scan.place_set", { place: title }), "ok");
      return null;
    }
    if (found.kind === "location") {
      say(found.title, "info");
      return null;
    }
    showActions(code, found.kind === "item" ? found.item : null);
    return null;
  }

  /** @param {import("../scan/lookup.js").Found} found @param {string} code */
  function problemFor(found, code) {
    if (found.kind === "mistyped") return t("scan.mistyped");
    if (found.kind === "unknown") return t("scan.unknown", { code });
    if (found.kind === "unlinked") return t("reason.code_unlinked");
    if (found.kind === "retired") return t("reason.code_retired");
    const wantsPlace = (task === "putaway" || task === "loading") && !place;
    if (wantsPlace && found.kind === "item") return t("scan.item_not_place");
    return null;
  }

  /**
   * @param {string} code
   * @param {{id: string, title: string, state: string | null} | null} item
   */
  function showActions(code, item) {
    const actions = actionsFor(task, item?.state ?? null).map((action) => ({ action, label: actionLabel(action) }));
    result.replaceChildren(
      scanResult({
        code,
        item,
        actions,
        onAction: (action) => act(action, code, item),
        onPhoto: item ? (file) => photo(item.id, file) : null,
      }),
    );
    say(item?.title ?? t("scan.code", { code }), "info");
    /** @type {HTMLElement | null} */ (result.querySelector("button"))?.focus();
  }

  /** @param {string} action */
  function actionLabel(action) {
    if (action === "store") return place ? t("action.store", { place: place.title }) : t("action.store_plain");
    if (action === "pickup" && task === "loading" && place) return t("action.load", { place: place.title });
    return t(`action.${action}`);
  }

  /**
   * @param {string} action
   * @param {string} code
   * @param {{id: string, title: string, state: string | null} | null} item
   */
  async function act(action, code, item) {
    unlockAudio();
    try {
      await enqueue({ code, action, location_code: place?.code, item_id: item?.id }, { title: item?.title });
    } catch {
      say(t("error.generic"), "error");
      return;
    }
    // Stored: from here on the scan survives a closed tab, so it can be confirmed.
    const label = actionLabel(action);
    say(item ? t("scan.saved", { action: label, title: item.title }) : t("scan.saved_plain", { action: label }), "ok");
    saved += 1;
    tally.textContent = t("scan.count", { count: saved });
    result.replaceChildren();
    const next = nextState(action, item?.state ?? null);
    if (item && next) rememberState(item.id, next).catch(() => {});
    afterEnqueue();
  }

  /** @param {string} itemId @param {File} file */
  async function photo(itemId, file) {
    try {
      await queuePhoto(itemId, file);
      say(t("scan.photo_saved"), "ok");
      afterEnqueue();
    } catch {
      say(t("error.generic"), "error");
    }
  }

  /** @param {string} text what the camera read */
  function onText(text) {
    const parsed = parseScanned(text);
    if (!parsed.ok) say(t(parsed.reason === "mistyped" ? "scan.mistyped" : "scan.foreign"), "error");
    else onCode(parsed.code);
  }

  const view = h(
    "section",
    { class: "scan-view", "aria-labelledby": "scan-title", onpointerdown: unlockAudio, onkeydown: unlockAudio },
    h("h1", { id: "scan-title", text: t("scan.title") }),
    task === "job" ? null : taskChoice(task, (next) => {
      task = next;
      history.replaceState(null, "", PARAM_FOR[task] ? `/skanna?uppgift=${PARAM_FOR[task]}` : "/skanna");
      setPlace(null);
      feedback.textContent = "";
    }),
    prompt,
    changePlace,
    scanCamera({ onText, onReady: (kind) => (view.dataset.ready = kind) }),
    feedback,
    result,
    manualEntry({ onCode }),
    tally,
    outboxStatus(),
  );
  setPlace(null);
  return view;
}

/**
 * @param {import("../scan/actions.js").Task} current
 * @param {(task: import("../scan/actions.js").Task) => void} onChange
 */
function taskChoice(current, onChange) {
  const option = (/** @type {"free" | "putaway" | "loading"} */ task) =>
    h(
      "label",
      { class: "scan-view__task" },
      h("input", { type: "radio", name: "scan-task", value: task, checked: task === current, onchange: () => onChange(task) }),
      h("span", { text: t(`scan.task.${task}`) }),
    );
  return h(
    "fieldset",
    { class: "scan-view__tasks" },
    h("legend", { text: t("scan.task") }),
    option("free"),
    option("putaway"),
    option("loading"),
  );
}
