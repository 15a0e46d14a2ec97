/**
 * Code text and QR payloads, ported from labels/codes.py and labels/payload.py so the phone
 * can tell a mistyped code (wrong check character) from an unknown one without a network.
 */

export const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 8;

const INDEX = new Map([...ALPHABET].map((char, i) => [char, i]));
// Crockford's reading of look-alikes, so a code typed from a worn label still resolves.
const LOOKALIKES = { O: "0", I: "1", L: "1" };
const PAYLOAD = /^https?:\/\/([^/\s]+)\/q\/([^/\s]+)$/i;

/**
 * @typedef {{ok: true, code: string} | {ok: false, reason: "mistyped" | "format" | "foreign"}} Parsed
 */

/**
 * Luhn mod 32 sum from the right, doubling every other character (as in labels/codes.py).
 * @param {string} code
 * @param {number} firstFactor
 */
function luhnSum(code, firstFactor) {
  const base = ALPHABET.length;
  let total = 0;
  let factor = firstFactor;
  for (let i = code.length - 1; i >= 0; i--) {
    const addend = factor * /** @type {number} */ (INDEX.get(code[i]));
    total += Math.floor(addend / base) + (addend % base);
    factor = 3 - factor;
  }
  return total;
}

/**
 * @param {string} data7 seven code characters
 * @returns {string} the character that makes data7 plus it a valid code
 */
export function checkCharacter(data7) {
  const base = ALPHABET.length;
  return ALPHABET[(base - (luhnSum(data7, 2) % base)) % base];
}

/**
 * @param {string} code canonical code text
 * @returns {boolean} whether it has eight alphabet characters and a correct check character
 */
export function isValidCode(code) {
  if (code.length !== CODE_LENGTH || [...code].some((c) => !INDEX.has(c))) return false;
  return luhnSum(code, 1) % ALPHABET.length === 0;
}

/**
 * Typed or printed text to canonical form: upper case, spaces and dashes dropped, O/I/L read
 * as 0/1/1. Returns null when it cannot be a code at all.
 * @param {string} text
 * @returns {string | null}
 */
export function normalizeCode(text) {
  const code = text
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/[OIL]/g, (c) => LOOKALIKES[/** @type {"O"|"I"|"L"} */ (c)]);
  if (code.length !== CODE_LENGTH || [...code].some((c) => !INDEX.has(c))) return null;
  return code;
}

/**
 * A code typed by hand: "format" (not eight code characters), "mistyped" (check fails) or ok.
 * @param {string} text
 * @returns {Parsed}
 */
export function parseTyped(text) {
  const code = normalizeCode(text);
  if (code === null) return { ok: false, reason: "format" };
  return isValidCode(code) ? { ok: true, code } : { ok: false, reason: "mistyped" };
}

/**
 * What the camera read: our label URL (any case) or a bare code; anything else is "foreign".
 * @param {string} text
 * @returns {Parsed}
 */
export function parseScanned(text) {
  const trimmed = text.trim();
  const match = PAYLOAD.exec(trimmed);
  if (!match && /[/:]/.test(trimmed)) return { ok: false, reason: "foreign" };
  const parsed = parseTyped(match ? match[2] : trimmed);
  // Text not shaped like a code is someone else's QR, not a mistype.
  return !parsed.ok && parsed.reason === "format" ? { ok: false, reason: "foreign" } : parsed;
}
