import { test } from "node:test";
import assert from "node:assert/strict";

import {
  RETRY_MS, VISIBLE_GAP_MS, isDriver, isTransportPush, retryAfterMs, shouldFetchDay,
} from "../../../pwa/js/offline/refetch.js";

const NOW = 1_800_000_000_000;

test("a driver's day is fetched on opening, a push and the network's return, however recent the last fetch", () => {
  for (const reason of /** @type {const} */ (["open", "push", "online"])) {
    assert.equal(shouldFetchDay({ reason, driver: true, online: true, lastStartedMs: NOW - 1000, nowMs: NOW }), true);
  }
});

test("nothing is fetched offline or for someone with no day to keep", () => {
  for (const reason of /** @type {const} */ (["open", "push", "online", "visible"])) {
    assert.equal(shouldFetchDay({ reason, driver: true, online: false, nowMs: NOW }), false);
    assert.equal(shouldFetchDay({ reason, driver: false, online: true, nowMs: NOW }), false);
  }
});

test("coming back to the app fetches at most once a minute, and only when it is on the screen", () => {
  const back = { reason: /** @type {const} */ ("visible"), driver: true, online: true, nowMs: NOW };
  assert.equal(shouldFetchDay({ ...back, lastStartedMs: null }), true);
  assert.equal(shouldFetchDay({ ...back, lastStartedMs: NOW - VISIBLE_GAP_MS + 1 }), false);
  assert.equal(shouldFetchDay({ ...back, lastStartedMs: NOW - VISIBLE_GAP_MS }), true);
  assert.equal(shouldFetchDay({ ...back, lastStartedMs: null, visible: false }), false);
  // A clock set back since the last fetch does not hold the next one off.
  assert.equal(shouldFetchDay({ ...back, lastStartedMs: NOW + 5 * VISIBLE_GAP_MS }), true);
});

test("the driver role makes a driver", () => {
  assert.equal(isDriver({ roles: ["employee", "driver"] }), true);
  assert.equal(isDriver({ roles: ["warehouse"] }), false);
  assert.equal(isDriver({}), false);
  assert.equal(isDriver(null), false);
});

test("only pushes about transport jobs change the day", () => {
  assert.equal(isTransportPush({ kind: "job_assigned", title: "Nytt uppdrag" }), true);
  assert.equal(isTransportPush({ kind: "job_changed" }), true);
  assert.equal(isTransportPush({ kind: "available" }), false);
  assert.equal(isTransportPush({}), false);
  assert.equal(isTransportPush(null), false);
  assert.equal(isTransportPush("job_assigned"), false);
});

test("a fetch the network's return or a push asked for is tried again a few times, then left", () => {
  for (const reason of /** @type {const} */ (["online", "push"])) {
    const waits = [1, 2, 3, 4].map((failures) => retryAfterMs(reason, failures, true));
    assert.deepEqual(waits, [...RETRY_MS, null]);
    assert.equal(retryAfterMs(reason, 1, false), null, "offline again: the next online event tries");
  }
  for (const reason of /** @type {const} */ (["open", "visible"])) {
    assert.equal(retryAfterMs(reason, 1, true), null);
  }
});
