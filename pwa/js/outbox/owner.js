/**
 * Whose queue it is. Every outbox entry (a scan, a photo) records who made it, and only the
 * signed-in person's entries are sent: a phone shared between drivers never sends one driver's
 * scans under another's session. The page records the signed-in user here (login, app start)
 * and forgets them at logout; the service worker reads it before it replays. The server checks
 * the same id again (X-Delbar-User), so a stale record here cannot send anything either.
 * No DOM here: the service worker uses it too.
 */
import { metaDelete, metaGet, metaSet } from "../db.js";

export const OWNER_KEY = "outbox_owner";
export const OWNER_HEADER = "X-Delbar-User";

/** @typedef {{id: string, name: string}} Owner */
/** @typedef {{id: string, name: string, scans: number, photos: number}} Waiting what waits for someone else */

/**
 * Remember who is signed in (or, with null, that nobody is).
 * @param {{id: string, name: string} | null} user
 * @returns {Promise<boolean>} whether that is someone other than the person recorded before
 */
export async function setOwner(user) {
  const before = await currentOwner();
  if (user) await metaSet(OWNER_KEY, { id: user.id, name: user.name });
  else await metaDelete(OWNER_KEY);
  return (before?.id ?? null) !== (user?.id ?? null);
}

/** @returns {Promise<Owner | null>} who is signed in on this device, as the page last said */
export async function currentOwner() {
  try {
    return (await metaGet(OWNER_KEY)) ?? null;
  } catch {
    return null;
  }
}

/**
 * Whether owner may send entry. Entries queued before owners were recorded carry none: they
 * go with whoever is signed in, as they always did. Nobody signed in sends nothing.
 * @param {{owner?: Owner}} entry
 * @param {Owner | null} owner
 */
export function ownedBy(entry, owner) {
  return owner !== null && (!entry.owner || entry.owner.id === owner.id);
}

/**
 * Count what waits for people other than owner, per person ("3 skanningar väntar på Anna").
 * @param {Array<{owner?: Owner}>} scans
 * @param {Array<{owner?: Owner}>} photos
 * @param {Owner | null} owner
 * @returns {Waiting[]}
 */
export function waitingForOthers(scans, photos, owner) {
  /** @type {Map<string, Waiting>} */
  const people = new Map();
  const count = (/** @type {Array<{owner?: Owner}>} */ entries, /** @type {"scans" | "photos"} */ kind) => {
    for (const entry of entries) {
      if (!entry.owner || ownedBy(entry, owner)) continue;
      const person = people.get(entry.owner.id) ?? { ...entry.owner, scans: 0, photos: 0 };
      person[kind] += 1;
      people.set(entry.owner.id, person);
    }
  };
  count(scans, "scans");
  count(photos, "photos");
  return [...people.values()];
}
