/**
 * Translation lookup and the current language (Swedish unless the user picked English).
 * Swedish loads with the app; English only when it is used, so a Swedish visit downloads half the
 * texts. Switching language waits for the catalogue (the service worker has both offline).
 */
import { messages as swedish } from "./messages/sv.js";

export const LANGUAGES = /** @type {const} */ (["sv", "en"]);
/** Each language's name in itself, for the switch. */
export const LANGUAGE_NAMES = { sv: "Svenska", en: "English" };
const STORAGE_KEY = "delbar.lang";

/** @type {Record<"sv" | "en", Record<string, import("./messages/sv.js").Message> | null>} */
const catalogues = { sv: swedish, en: null };
/** @type {"sv" | "en"} */
let current = readStored();
/** The language last asked for: a switch that is still fetching its texts gives way to a later one. */
let wanted = current;
if (current === "en" && !(await loadEnglish())) current = wanted = "sv";
/** @type {Set<(lang: string) => void>} */
const listeners = new Set();

function readStored() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === "en" ? "en" : "sv";
  } catch {
    return "sv";
  }
}

/** @returns {"sv" | "en"} */
export function getLanguage() {
  return current;
}

/**
 * Fetch the English texts once (Swedish is always here); false when they cannot be had (offline
 * before the service worker has cached them), and the page stays in Swedish.
 * @returns {Promise<boolean>}
 */
async function loadEnglish() {
  try {
    catalogues.en ??= (await import("./messages/en.js")).messages;
    return true;
  } catch (error) {
    console.warn("delbar: the English texts could not be loaded", error);
    return false;
  }
}

/**
 * Switch language once its texts are here, remember it, set <html lang> and tell listeners to
 * re-render.
 * @param {string} lang
 * @returns {Promise<void>}
 */
export async function setLanguage(lang) {
  if (!LANGUAGES.includes(/** @type {any} */ (lang))) return;
  wanted = /** @type {"sv" | "en"} */ (lang);
  if (lang === "en" && !(await loadEnglish())) return;
  if (lang !== wanted || lang === current) return;
  current = wanted;
  try {
    localStorage.setItem(STORAGE_KEY, current);
  } catch {
    // Storage can be disabled; the choice then lasts until the page is closed.
  }
  document.documentElement.lang = current;
  for (const listener of listeners) listener(current);
}

/**
 * @param {(lang: string) => void} listener
 * @returns {() => void} unsubscribe
 */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** @param {string} key */
function lookup(key) {
  return catalogues[current]?.[key] ?? swedish[key];
}

/**
 * @param {string} template
 * @param {Record<string, string | number>} params
 */
function fill(template, params) {
  return template.replace(/\{(\w+)\}/g, (whole, name) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * Translate a key; a missing key shows itself so it is noticed, not hidden.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function t(key, params = {}) {
  const value = lookup(key);
  if (typeof value === "string") return fill(value, params);
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const count = Number(params.count ?? 0);
    const category = new Intl.PluralRules(current).select(count);
    return fill(value[category] ?? value.other, params);
  }
  return key;
}

/**
 * A translated list (for bullet points).
 * @param {string} key
 * @returns {string[]}
 */
export function tList(key) {
  const value = lookup(key);
  return Array.isArray(value) ? value : [];
}

/**
 * The user-facing text for a failed request, chosen by the server's error code.
 * The English `detail` from the server is never shown: it is for logs and developers.
 * @param {unknown} error an ApiError; anything else a catch caught reads as the generic text
 * @returns {string}
 */
export function errorText(error) {
  const { code, retryAfter } = /** @type {{code?: string, retryAfter?: number | null}} */ (error ?? {});
  if (code === "rate_limited") {
    const seconds = retryAfter;
    return seconds || seconds === 0
      ? t("error.rate_limited", { seconds, count: seconds })
      : t("error.rate_limited_unknown");
  }
  const key = `error.${code}`;
  return code && lookup(key) ? t(key) : t("error.generic");
}
