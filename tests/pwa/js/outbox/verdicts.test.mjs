// The outbox's replay policy (pwa/js/outbox/verdicts.js): what a sent batch's answer does to
// each queued scan. Network errors and error statuses keep everything; "applied" and
// "duplicate" remove an event, and so does "held"; "rejected" moves it to the needs-attention list.
import { describe, it } from "node:test";
import assert from "node:assert/strict";

import { judgeBatch } from "../../../../pwa/js/outbox/verdicts.js";

const AT = "2026-11-25T08:14:03.120Z";
const ANNA = { id: "u-anna", name: "Anna" };

/** A queued scan as the outbox stores it. @param {number} seq @param {object} [extra] */
function entry(seq, extra = {}) {
  const event = { id: `e-${seq}`, code: `CODE${seq}`, action: "load", device_time: "2026-11-25T09:00:00.000+01:00" };
  return { seq, event, ...extra };
}

/** A 200 answer with one verdict per result. @param {object[]} results */
function ok(results) {
  return { ok: true, body: { results } };
}

const KEEP_ALL = { done: [], rejected: [] };

describe("judgeBatch", () => {
  it("keeps every event when the network failed", () => {
    assert.deepEqual(judgeBatch([entry(1), entry(2)], null, AT), { ...KEEP_ALL, stopped: "network" });
  });

  it("keeps every event on a 5xx", () => {
    assert.deepEqual(judgeBatch([entry(1)], { ok: false, body: null }, AT), { ...KEEP_ALL, stopped: "server" });
  });

  it("keeps every event on an error status even when its body looks like verdicts", () => {
    const answer = { ok: false, body: { results: [{ id: "e-1", status: "applied" }] } };
    assert.deepEqual(judgeBatch([entry(1)], answer, AT), { ...KEEP_ALL, stopped: "server" });
  });

  it("keeps every event when a 4xx refuses the whole batch (another user's, a stale CSRF token)", () => {
    const answer = { ok: false, body: { error: "conflict", detail: "queued by another user" } };
    assert.deepEqual(judgeBatch([entry(1), entry(2)], answer, AT), { ...KEEP_ALL, stopped: "server" });
  });

  it("removes a pickup held for the coordinator and sends nothing to the needs-attention list", () => {
    const answer = ok([{ id: "e-1", status: "held", reason: "outside_jobs", message: "a coordinator decides" }]);
    assert.deepEqual(judgeBatch([entry(1, { event: { ...entry(1).event, outside_jobs: true } })], answer, AT),
      { done: [1], rejected: [], stopped: null });
  });

  it("shows a pickup outside the jobs sent without asking (an older app) as refused", () => {
    const answer = ok([{ id: "e-1", status: "rejected", reason: "outside_jobs", message: null }]);
    const { done, rejected } = judgeBatch([entry(1)], answer, AT);
    assert.deepEqual([done, rejected.map((r) => r.attention.reason)], [[], ["outside_jobs"]]);
  });

  it("keeps every event when a 200 is not JSON", () => {
    assert.deepEqual(judgeBatch([entry(1)], { ok: true, body: null }, AT), { ...KEEP_ALL, stopped: "server" });
  });

  it("keeps every event when the verdicts do not cover the batch", () => {
    const answer = ok([{ id: "e-1", status: "applied" }]);
    assert.deepEqual(judgeBatch([entry(1), entry(2)], answer, AT), { ...KEEP_ALL, stopped: "server" });
  });

  it("removes an applied event", () => {
    assert.deepEqual(judgeBatch([entry(1)], ok([{ id: "e-1", status: "applied" }]), AT),
      { done: [1], rejected: [], stopped: null });
  });

  it("removes a duplicate of an applied event (its first answer was lost)", () => {
    assert.deepEqual(judgeBatch([entry(1)], ok([{ id: "e-1", status: "duplicate", reason: null }]), AT),
      { done: [1], rejected: [], stopped: null });
  });

  it("moves a rejected event to the needs-attention list with the server's reason", () => {
    const result = { id: "e-1", status: "rejected", reason: "wrong_location", message: "Not on this job",
                     item: { title: "Kontorsstol", state: "stored" } };
    const { done, rejected, stopped } = judgeBatch([entry(1)], ok([result]), AT);
    assert.deepEqual(done, []);
    assert.equal(stopped, null);
    assert.deepEqual(rejected, [{ seq: 1, attention: { id: "e-1", event: entry(1).event, title: "Kontorsstol",
      state: "stored", reason: "wrong_location", message: "Not on this job", at: AT } }]);
  });

  it("moves a duplicate with a reason (a refusal whose answer was lost) to needs attention", () => {
    const { done, rejected } = judgeBatch([entry(1)], ok([{ id: "e-1", status: "duplicate", reason: "unknown_code" }]), AT);
    assert.deepEqual(done, []);
    assert.deepEqual(rejected.map((r) => [r.seq, r.attention.reason]), [[1, "unknown_code"]]);
  });

  it("shows the title the phone stored over the server's", () => {
    const result = { id: "e-1", status: "rejected", reason: "x", item: { title: "From server", state: null } };
    const { rejected } = judgeBatch([entry(1, { title: "From phone" })], ok([result]), AT);
    assert.equal(rejected[0].attention.title, "From phone");
  });

  it("leaves reason, message and state null when the server gave none", () => {
    const { rejected } = judgeBatch([entry(1)], ok([{ id: "e-1", status: "rejected" }]), AT);
    const { reason, message, state, title } = rejected[0].attention;
    assert.deepEqual({ reason, message, state, title }, { reason: null, message: null, state: null, title: undefined });
  });

  it("keeps who queued a rejected event on its needs-attention entry", () => {
    const { rejected } = judgeBatch([entry(1, { owner: ANNA })], ok([{ id: "e-1", status: "rejected", reason: "x" }]), AT);
    assert.deepEqual(rejected[0].attention.owner, ANNA);
  });

  it("adds no owner to an entry queued before owners were recorded", () => {
    const { rejected } = judgeBatch([entry(1)], ok([{ id: "e-1", status: "rejected", reason: "x" }]), AT);
    assert.equal("owner" in rejected[0].attention, false);
  });

  it("matches verdicts to events by id, not by position", () => {
    const answer = ok([{ id: "e-2", status: "rejected", reason: "x" }, { id: "e-1", status: "applied" }]);
    const { done, rejected } = judgeBatch([entry(1), entry(2)], answer, AT);
    assert.deepEqual(done, [1]);
    assert.deepEqual(rejected.map((r) => r.seq), [2]);
  });

  it("settles what it can and stops when one event has no verdict", () => {
    const answer = ok([{ id: "e-1", status: "applied" }, { id: "e-other", status: "applied" }]);
    assert.deepEqual(judgeBatch([entry(1), entry(2)], answer, AT), { done: [1], rejected: [], stopped: "server" });
  });

  it("keeps an event whose verdict it does not know, and stops", () => {
    assert.deepEqual(judgeBatch([entry(1)], ok([{ id: "e-1", status: "later" }]), AT),
      { ...KEEP_ALL, stopped: "server" });
  });
});
