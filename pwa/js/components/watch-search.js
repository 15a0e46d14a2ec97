/**
 * "Bevaka sökningen": turn the catalogue search in the URL into a want, so what is listed later
 * for the same words (and kind and category) comes as a notification.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";

/**
 * @param {URLSearchParams} params the search as the URL has it
 * @returns {HTMLElement | null} nothing to watch without search words
 */
export function watchSearch(params) {
  const words = params.get("q")?.trim() ?? "";
  if (!words) return null;
  const status = h("p", { class: "watch-search__status", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "button button--secondary", text: t("watch.button"),
                               "aria-describedby": "watch-search-hint" });
  // One id per search shown: pressing twice (or a retry) is the same want.
  const id = crypto.randomUUID();
  button.addEventListener("click", async () => {
    /** @type {Record<string, any>} */
    const body = { id, text: words.slice(0, 120), visibility: "network" };
    for (const name of ["kind", "category_id"]) if (params.get(name)) body[name] = params.get(name);
    try {
      await api("/api/wants", { method: "POST", body });
      button.hidden = true;
      status.replaceChildren(t("watch.saved"), " ", h("a", { href: "/efterlysningar", text: t("watch.link") }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = errorText(error);
    }
  });
  return h("div", { class: "watch-search" },
    h("p", { id: "watch-search-hint", class: "watch-search__hint", text: t("watch.hint") }), button, status);
}
