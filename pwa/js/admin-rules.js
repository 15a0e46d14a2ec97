/**
 * The accounts API's rules for what an admin types (backend/schemas.py, backend/accounts/schemas.py),
 * checked on the phone first so a typing mistake is explained next to its field and nothing is sent.
 * Each check returns the message to show, or "" when the value is fine.
 */
import { t } from "./i18n.js";

const MAX_NAME = 200;
const MAX_EMAIL = 254;
const MIN_PASSWORD = 10;
const MAX_PASSWORD = 200;
const MAX_COST_CENTRE = 40;
// No control characters: the server refuses them in names.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** @param {string} text @param {string} missingKey the message when it is empty */
export function nameProblem(text, missingKey) {
  if (!text) return t(missingKey);
  if (text.length > MAX_NAME) return t("admin.too_long", { max: MAX_NAME });
  if (CONTROL.test(text)) return t("admin.bad_characters");
  return "";
}

/** @param {string} text */
export function emailProblem(text) {
  if (!text) return t("admin.email_missing");
  if (text.length > MAX_EMAIL || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) return t("admin.email_invalid");
  return "";
}

/** @param {string} text */
export function passwordProblem(text) {
  if (!text) return t("admin.password_missing");
  if (text.length < MIN_PASSWORD) return t("admin.password_short", { min: MIN_PASSWORD });
  if (text.length > MAX_PASSWORD) return t("admin.too_long", { max: MAX_PASSWORD });
  return "";
}

/** @param {string} text */
export function costCentreProblem(text) {
  if (text.length > MAX_COST_CENTRE) return t("admin.too_long", { max: MAX_COST_CENTRE });
  if (!/^[0-9A-Za-z\-_. ]*$/.test(text)) return t("admin.cost_centre_invalid");
  return "";
}

/**
 * A role's name in the current language; an unknown role from a newer server shows its code.
 * @param {string} role
 */
export function roleName(role) {
  const name = t(`role.${role}`);
  return name === `role.${role}` ? role : name;
}
