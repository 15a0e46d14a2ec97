/**
 * The replay policy (DESIGN.md, "Offline and sync") as a pure function of a sent batch and the
 * server's answer: which events are done, which need attention, and whether replay stops.
 * A network error, a 5xx or any answer that is not a per-event verdict keeps every event;
 * "applied" and "duplicate" remove one, and so does "held" (a pickup the driver confirmed outside
 * their jobs, which a coordinator decides on); "rejected" moves it to the needs-attention list.
 * No I/O here: queue.js sends and stores, and the Node tests call this directly.
 */

/** @typedef {import("./store.js").Entry} Entry */
/** @typedef {import("./store.js").Attention} Attention */
/** @typedef {{id: string, status: string, reason?: string | null, message?: string | null, item?: any}} Verdict */
/** @typedef {null | "network" | "server"} Stop why replay stops after this batch; null goes on */
/**
 * @typedef {object} Judgement
 * @property {number[]} done sequence numbers to remove (applied, held, or a duplicate of an applied event)
 * @property {Array<{seq: number, attention: Attention}>} rejected to move to the needs-attention list
 * @property {Stop} stopped
 */

/**
 * @param {Entry[]} entries the batch as sent, in order
 * @param {{ok: boolean, body: any} | null} answer the HTTP answer with its parsed JSON body
 *   (null when it was not JSON); null when the network failed
 * @param {string} at when the refusals were seen (ISO 8601), shown on the attention list
 * @returns {Judgement}
 */
export function judgeBatch(entries, answer, at) {
  if (!answer) return { done: [], rejected: [], stopped: "network" };
  const results = answer.ok && answer.body && Array.isArray(answer.body.results) ? answer.body.results : null;
  // Anything but a verdict for every event keeps them all: better sent twice than lost.
  if (!results || results.length !== entries.length) return { done: [], rejected: [], stopped: "server" };
  const { done, rejected } = verdicts(entries, results, at);
  // A verdict missing for some event: stop rather than resend the same head forever.
  return { done, rejected, stopped: done.length + rejected.length === entries.length ? null : "server" };
}

/**
 * Split a batch by the server's verdicts, matched by event id (never by position alone).
 * @param {Entry[]} entries
 * @param {Verdict[]} results
 * @param {string} at
 * @returns {{done: number[], rejected: Array<{seq: number, attention: Attention}>}}
 */
function verdicts(entries, results, at) {
  const byId = new Map(results.map((r) => [r.id, r]));
  /** @type {number[]} */
  const done = [];
  /** @type {Array<{seq: number, attention: Attention}>} */
  const rejected = [];
  for (const entry of entries) {
    const result = byId.get(entry.event.id);
    const seq = /** @type {number} */ (entry.seq);
    if (!result) continue;
    // A duplicate with a reason is an event the server rejected the first time (its answer
    // was lost): it still needs attention, not silent removal.
    const refused = result.status === "rejected" || (result.status === "duplicate" && result.reason);
    const taken = result.status === "applied" || result.status === "held";
    if (taken || (result.status === "duplicate" && !refused)) done.push(seq);
    else if (refused) {
      const { reason = null, message = null } = result;
      // The item as the server has it now: the title and state that explain the refusal.
      const title = entry.title || result.item?.title;
      const state = result.item?.state ?? null;
      /** @type {Attention} */
      const attention = { id: entry.event.id, event: entry.event, title, state, reason, message, at };
      rejected.push({ seq, attention: entry.owner ? { ...attention, owner: entry.owner } : attention });
    }
  }
  return { done, rejected };
}
