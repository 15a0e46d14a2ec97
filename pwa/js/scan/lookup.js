/**
 * What a scanned code is: the offline shift first (it works in a basement), then the server.
 */
import { api, ApiError } from "../api.js";
import { findByCode, loadShift } from "../offline/shift.js";

/**
 * @typedef {{kind: "item", item: {id: string, title: string, state: string | null}, jobId?: string}
 *   | {kind: "location", id: string, title: string}
 *   | {kind: "unlinked" | "retired" | "unknown" | "mistyped" | "unseen"}} Found
 * "unseen": neither the stored shift nor the server could say (offline).
 */

/**
 * @param {string} code canonical code text
 * @returns {Promise<Found>}
 */
export async function lookUp(code) {
  const stored = findByCode(await loadShift().catch(() => undefined), code);
  if (stored) return { kind: "item", item: stored.item, jobId: stored.job.id };
  let answer;
  try {
    answer = await api(`/api/codes/${encodeURIComponent(code)}`);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 404) return { kind: "unknown" };
    if (error.code === "code_mistyped") return { kind: "mistyped" };
    return { kind: "unseen" };
  }
  return fromAnswer(answer);
}

/** @param {any} answer GET /api/codes/{code} @returns {Found} */
function fromAnswer(answer) {
  const target = answer?.target;
  if (answer?.status === "retired") return { kind: "retired" };
  if (!target) return { kind: "unlinked" };
  if (target.type === "location") return { kind: "location", id: target.id, title: target.title };
  return { kind: "item", item: { id: target.id, title: target.title, state: target.state ?? null } };
}
