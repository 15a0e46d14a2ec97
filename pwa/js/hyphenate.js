/**
 * Break points in Swedish unit names. "Kommunledningsförvaltningen" is wider than a search tile's
 * line; browsers hyphenate Swedish only where they ship a dictionary (Debian's Chromium has none),
 * so a soft hyphen goes where the compound joins a common last part ("Kommunlednings-|förvaltningen"),
 * and the line breaks there, with a hyphen, only when it must.
 */

const SOFT_HYPHEN = "\u00ad";
/** Last parts of the municipal names people meet, longest first so "förvaltningen" wins over "enheten". */
const TAILS = ["förvaltningen", "förvaltning", "avdelningen", "avdelning", "verksamheten", "nämnden", "kontoret",
  "enheten", "enhet", "centralen", "servicen", "service", "förskolan", "skolan", "boendet"];
/** Words shorter than this fit any line. */
const LONG = 14;

/**
 * The name with a soft hyphen before the known last part of each long compound word.
 * @param {string} name
 * @returns {string}
 */
export function softHyphens(name) {
  return name.replace(/\p{L}+/gu, (word) => {
    if (word.length < LONG) return word;
    const lower = word.toLowerCase();
    const tail = TAILS.find((end) => lower.endsWith(end) && word.length - end.length >= 4);
    return tail ? `${word.slice(0, word.length - tail.length)}${SOFT_HYPHEN}${word.slice(-tail.length)}` : word;
  });
}
