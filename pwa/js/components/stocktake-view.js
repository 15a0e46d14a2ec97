/**
 * Inventering: start a stocktake of a site, room or shelf (scan its label or choose it), count its
 * items by scanning them (scans go through the outbox like every scan, so counting works with no
 * network), see the counts live, then the result — found, missing, unexpected — and apply it.
 */
import { api, ApiError } from "../api.js";
import { h, replaceChildren } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { enqueue, counts } from "../outbox/queue.js";
import { afterEnqueue, syncNow } from "../outbox/sync.js";
import { loadShift } from "../offline/shift.js";
import { parseScanned } from "../scan/codes.js";
import { beep, unlockAudio } from "../scan/feedback.js";
import { lookUp } from "../scan/lookup.js";
import { expectedByCode, forgetLocal, fromAnswer, loadLocal, saveLocal, startedOffline, tally } from "../stocktake/tally.js";
import { confirmButton } from "./confirm-button.js";
import { manualEntry } from "./manual-entry.js";
import { outboxStatus } from "./outbox-status.js";
import { scanCamera } from "./scan-camera.js";
import { stocktakeResult } from "./stocktake-result.js";

/**
 * @param {{stocktakeId?: string, navigate: (path: string) => void}} props
 * @returns {HTMLElement}
 */
export function stocktakeView({ stocktakeId, navigate }) {
  const body = h("div", { class: "stocktake-view__body", "aria-live": "polite" });
  const view = h("section", { class: "stocktake-view", "aria-labelledby": "stocktake-title",
                              onpointerdown: unlockAudio, onkeydown: unlockAudio },
    h("h1", { id: "stocktake-title", text: t("stocktake.title") }), body);
  if (stocktakeId) openStocktake(view, body, stocktakeId);
  else startScreen(body, navigate);
  return view;
}

/** @param {HTMLElement} body @param {(path: string) => void} navigate */
function startScreen(body, navigate) {
  const feedback = h("p", { class: "stocktake-view__feedback", role: "status", "data-testid": "stocktake-feedback" });
  const select = /** @type {HTMLSelectElement} */ (h("select", { id: "stocktake-place", class: "field__input" },
    h("option", { value: "", text: t("stocktake.choose_place") })));
  const open = h("ul", { class: "stocktake-view__open" });
  const openSection = h("section", { class: "stocktake-view__card", hidden: true, "aria-labelledby": "stocktake-open" },
    h("h2", { id: "stocktake-open", text: t("stocktake.open_title") }), open);

  /** @param {string} locationId @param {string} [placeName] known when chosen from the list */
  async function start(locationId, placeName) {
    const id = crypto.randomUUID();
    try {
      const answer = await api("/api/stocktakes", { method: "POST", body: { id, location_id: locationId } });
      await saveLocal(fromAnswer(answer));
      navigate(`/inventering/${answer.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 0 && placeName) {
        // No network: counting starts here, and the first scan that reaches the server starts it there.
        await saveLocal(startedOffline(id, { id: locationId, name: placeName }));
        navigate(`/inventering/${id}`);
        return;
      }
      feedback.textContent = error instanceof ApiError && error.status === 0 ? t("stocktake.start_offline") : errorText(error);
      feedback.dataset.kind = "error";
    }
  }

  const form = h("form", { class: "stocktake-view__card", novalidate: true, onsubmit: (/** @type {Event} */ e) => {
    e.preventDefault();
    if (select.value) start(select.value, select.selectedOptions[0].textContent ?? "");
    else feedback.textContent = t("stocktake.place_missing");
  } },
  h("h2", { text: t("stocktake.start_title") }),
  h("p", { class: "stocktake-view__hint", text: t("stocktake.start_hint") }),
  h("div", { class: "field" }, h("label", { for: "stocktake-place", class: "field__label", text: t("stocktake.place") }), select),
  h("button", { type: "submit", class: "button button--primary", text: t("stocktake.start") }));

  /** @param {string} code */
  async function onCode(code) {
    const found = await lookUp(code);
    if (found.kind !== "location") {
      const problem = found.kind === "item" ? t("stocktake.not_a_place")
        : found.kind === "unseen" ? t("stocktake.start_offline") : t("scan.unknown", { code });
      feedback.textContent = problem;
      feedback.dataset.kind = "error";
      beep("error");
      return problem;
    }
    beep("ok");
    await start(found.id);
    return null;
  }

  replaceChildren(body, openSection, form, feedback,
    h("section", { class: "stocktake-view__card", "aria-labelledby": "stocktake-scan-place" },
      h("h2", { id: "stocktake-scan-place", text: t("stocktake.scan_place") }),
      scanCamera({ onText: (text) => { const p = parseScanned(text); if (p.ok) onCode(p.code); }, onReady: () => {} }),
      manualEntry({ onCode })));
  placeOptions().then((places) => {
    for (const place of places) select.append(h("option", { value: place.id, text: place.name }));
  });
  api("/api/stocktakes?status=open").then((/** @type {any[]} */ list) => {
    openSection.hidden = !list.length;
    open.replaceChildren(...list.map((s) => h("li", {},
      h("a", { href: `/inventering/${s.id}`, text: s.location_path.join(" › ") }),
      h("span", { class: "stocktake-view__meta",
                  text: ` · ${t("stocktake.started_by", { name: s.started_by_name ?? "–" })} · ${t("stocktake.counted_n", { count: s.counted })}` }))));
  }).catch(() => {});
}

/** @returns {Promise<{id: string, name: string}[]>} sites, rooms and shelves, the server's or the stored shift's */
async function placeOptions() {
  /** @type {any[]} */
  let list;
  try {
    list = await api("/api/locations");
  } catch {
    list = (await loadShift().catch(() => undefined))?.locations ?? [];
  }
  const byId = new Map(list.map((l) => [l.id, l]));
  /** @type {(l: any) => string} */
  const name = (l) => {
    const parent = l.parent_id ? byId.get(l.parent_id) : null;
    return parent ? `${name(parent)} › ${l.name}` : l.name;
  };
  return list.filter((l) => l.kind !== "vehicle").map((l) => ({ id: l.id, name: name(l) }))
    .sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

/** @param {HTMLElement} view @param {HTMLElement} body @param {string} id */
async function openStocktake(view, body, id) {
  let local = await loadLocal(id).catch(() => undefined);
  /** @type {any} */
  let answer = null;
  try {
    answer = await api(`/api/stocktakes/${id}`, { fresh: true });
  } catch (error) {
    if (!local) {
      replaceChildren(body, h("p", { class: "stocktake-view__feedback", "data-kind": "error", text: errorText(error) }));
      return;
    }
  }
  if (answer && answer.status !== "open") {
    showResult(view, body, answer);
    return;
  }
  if (answer) {
    local = fromAnswer(answer, local);
    await saveLocal(local);
  }
  counting(view, body, /** @type {import("../stocktake/tally.js").Local} */ (local));
}

/**
 * @param {HTMLElement} view
 * @param {HTMLElement} body
 * @param {import("../stocktake/tally.js").Local} local
 */
function counting(view, body, local) {
  setTitle(view, t("stocktake.title_place", { place: local.place }));
  const feedback = h("p", { class: "stocktake-view__feedback", role: "status", "data-testid": "stocktake-feedback" });
  const figures = h("dl", { class: "stocktake-view__figures", "data-testid": "stocktake-counts" });
  const recent = h("ul", { class: "stocktake-view__recent", "aria-label": t("stocktake.recent") });
  const problem = h("p", { class: "stocktake-view__feedback", "data-kind": "error", role: "alert" });
  const offlineNote = h("p", { class: "stocktake-view__hint", text: t("stocktake.offline_started") });

  function render() {
    const n = tally(local);
    replaceChildren(figures,
      figure(t("stocktake.fig_counted"), String(n.counted)),
      figure(t("stocktake.fig_found"), n.found === null ? "–" : t("stocktake.of", { part: n.found, whole: n.expected ?? 0 })),
      figure(t("stocktake.fig_unexpected"), n.unexpected === null ? "–" : String(n.unexpected)));
    offlineNote.hidden = !local.offline;
    const latest = Object.entries(local.counted).slice(-5).reverse();
    recent.replaceChildren(...latest.map(([code, c]) => {
      const kind = c.expected === null ? "counted" : c.expected ? "found" : "unexpected";
      return h("li", { class: "stocktake-view__row" },
        h("span", { class: "stocktake-view__row-title", text: c.title ?? t("scan.code", { code }) }),
        h("span", { class: `stocktake-view__chip stocktake-view__chip--${kind}`, text: t(`stocktake.chip.${kind}`) }));
    }));
  }

  /** @param {string} message @param {"ok" | "warn" | "error" | "info"} kind warn: counted, but it belongs elsewhere */
  function say(message, kind) {
    feedback.textContent = message;
    feedback.dataset.kind = kind;
    if (kind !== "info") beep(kind === "ok" ? "ok" : "error");
  }

  /** @param {string} code @returns {Promise<string | null>} */
  async function onCode(code) {
    if (local.counted[code]) {
      say(t("stocktake.again", { title: local.counted[code].title ?? code }), "info");
      return null;
    }
    let item = expectedByCode(local, code);
    if (!item) {
      const found = await lookUp(code);
      if (found.kind === "location") { say(t("stocktake.is_place", { place: found.title }), "error"); return t("stocktake.is_place", { place: found.title }); }
      if (found.kind === "unknown" || found.kind === "unlinked" || found.kind === "retired") {
        const message = found.kind === "unknown" ? t("scan.unknown", { code }) : t(`reason.code_${found.kind}`);
        say(message, "error");
        return message;
      }
      if (found.kind === "item") item = { item_id: found.item.id, title: found.item.title };
    }
    const expected = local.offline ? null : Boolean(item && item.item_id in local.expected);
    try {
      await enqueue({ code, action: "stocktake", stocktake_id: local.id, stocktake_location_id: local.location_id },
                    { title: item?.title });
    } catch {
      say(t("error.generic"), "error");
      return null;
    }
    local.counted[code] = { item_id: item?.item_id ?? null, title: item?.title ?? null, expected };
    await saveLocal(local).catch(() => {});
    const title = item?.title ?? t("scan.code", { code });
    if (expected === false) say(t("stocktake.counted_unexpected", { title }), "warn");
    else say(t("stocktake.counted_expected", { title }), "ok");
    render();
    afterEnqueue();
    return null;
  }

  async function finish() {
    problem.textContent = "";
    if (navigator.onLine) await syncNow();
    const waiting = (await counts()).waiting;
    if (waiting) {
      problem.textContent = t("stocktake.waiting", { count: waiting });
      return;
    }
    try {
      showResult(view, body, await api(`/api/stocktakes/${local.id}`, { fresh: true }));
    } catch (error) {
      problem.textContent = errorText(error);
    }
  }

  render();
  replaceChildren(body,
    h("p", { class: "stocktake-view__path", text: local.path.join(" › ") }),
    figures,
    offlineNote,
    scanCamera({ onText: (text) => {
      const parsed = parseScanned(text);
      if (!parsed.ok) say(t(parsed.reason === "mistyped" ? "scan.mistyped" : "scan.foreign"), "error");
      else onCode(parsed.code);
    }, onReady: (kind) => (view.dataset.ready = kind) }),
    feedback,
    manualEntry({ onCode }),
    recent,
    problem,
    h("div", { class: "stocktake-view__actions" },
      h("button", { type: "button", class: "button button--primary", text: t("stocktake.finish"), onclick: finish }),
      confirmButton({ label: t("stocktake.cancel"), question: t("stocktake.cancel_question"), yes: t("stocktake.cancel_yes"),
        onConfirm: async () => {
          try {
            await api(`/api/stocktakes/${local.id}/cancel`, { method: "POST" });
            await forgetLocal(local.id);
            location.assign("/inventering");
          } catch (error) {
            problem.textContent = errorText(error);
          }
        } })),
    outboxStatus());
}

/** @param {HTMLElement} view @param {HTMLElement} body @param {any} answer StocktakeRead */
function showResult(view, body, answer) {
  setTitle(view, t("stocktake.result_title", { place: answer.location_name }));
  replaceChildren(body, stocktakeResult({
    answer,
    onApply: async () => {
      const applied = await api(`/api/stocktakes/${answer.id}/apply`, { method: "POST" });
      await forgetLocal(answer.id).catch(() => {});
      showResult(view, body, applied);
      /** @type {HTMLElement | null} */ (body.querySelector("[data-testid=stocktake-status]"))?.focus();
    },
    onContinue: () => openStocktake(view, body, answer.id),
  }));
}

/** @param {HTMLElement} view @param {string} title */
function setTitle(view, title) {
  const heading = /** @type {HTMLElement} */ (view.querySelector("h1"));
  heading.textContent = title;
}

/** @param {string} term @param {string} value */
function figure(term, value) {
  return h("div", { class: "stocktake-view__figure" }, h("dt", { text: term }), h("dd", { text: value }));
}
