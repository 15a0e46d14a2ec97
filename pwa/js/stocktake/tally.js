/**
 * A stocktake as this phone counts it: what the place expects (fetched when it started) and the
 * codes counted here, kept in IndexedDB so counting goes on with no network and after a reload.
 * The server's result (GET /api/stocktakes/<id>) is the authority; this only shows live counts.
 */
import { metaDelete, metaGet, metaSet } from "../db.js";

/**
 * @typedef {object} Counted
 * @property {string | null} item_id null while the phone cannot tell which item the code is
 * @property {string | null} title
 * @property {boolean | null} expected null: not known here until the server says
 */
/**
 * @typedef {object} Local
 * @property {string} id
 * @property {string} location_id
 * @property {string} place the place's name
 * @property {string[]} path names from the site down
 * @property {Record<string, {title: string, code: string | null}>} expected item id → what is expected here
 * @property {Record<string, Counted>} counted code → what was counted, in the order counted
 * @property {boolean} [offline] started with no network: what is expected here is not known yet
 */

/** @param {string} id */
const key = (id) => `stocktake:${id}`;

/** @param {string} id @returns {Promise<Local | undefined>} */
export function loadLocal(id) {
  return metaGet(key(id));
}

/** @param {Local} local */
export function saveLocal(local) {
  return metaSet(key(local.id), local);
}

/** @param {string} id */
export function forgetLocal(id) {
  return metaDelete(key(id));
}

/**
 * The phone's copy of a stocktake as the server answered it (start, or continuing one begun elsewhere).
 * @param {any} answer StocktakeRead
 * @param {Local} [before] this phone's own counts, kept
 * @returns {Local}
 */
export function fromAnswer(answer, before) {
  /** @type {Local["expected"]} */
  const expected = {};
  for (const item of [...answer.found, ...answer.missing]) expected[item.id] = { title: item.title, code: item.code };
  /** @type {Local["counted"]} */
  const counted = {};
  for (const item of [...answer.found, ...answer.unexpected]) {
    if (item.code) counted[item.code] = { item_id: item.id, title: item.title, expected: item.id in expected };
  }
  // The server's verdicts win; codes counted here and not sent yet stay as this phone has them.
  return { id: answer.id, location_id: answer.location_id, place: answer.location_name, path: answer.location_path,
           expected, counted: { ...(before?.counted ?? {}), ...counted } };
}

/**
 * A stocktake started with no network: the server starts it when its first scan arrives.
 * @param {string} id
 * @param {{id: string, name: string}} place
 * @returns {Local}
 */
export function startedOffline(id, place) {
  return { id, location_id: place.id, place: place.name, path: [place.name], expected: {}, counted: {}, offline: true };
}

/**
 * What a code counted now is, by what this phone knows.
 * @param {Local} local
 * @param {string} code
 * @returns {{item_id: string, title: string} | null} the expected item with this code, if any
 */
export function expectedByCode(local, code) {
  for (const [id, item] of Object.entries(local.expected)) if (item.code === code) return { item_id: id, title: item.title };
  return null;
}

/**
 * The live counts: counted, expected items found, expected still not counted, and unexpected.
 * @param {Local} local
 * @returns {{counted: number, expected: number | null, found: number | null, remaining: number | null,
 *   unexpected: number | null}} null: not known while a stocktake started offline has not reached the server
 */
export function tally(local) {
  if (local.offline) {
    return { counted: Object.keys(local.counted).length, expected: null, found: null, remaining: null, unexpected: null };
  }
  const counted = Object.values(local.counted);
  const foundIds = new Set(counted.filter((c) => c.item_id && c.item_id in local.expected).map((c) => c.item_id));
  const expected = Object.keys(local.expected).length;
  return {
    counted: counted.length,
    expected,
    found: foundIds.size,
    remaining: expected - foundIds.size,
    unexpected: counted.filter((c) => c.expected !== true).length,
  };
}
