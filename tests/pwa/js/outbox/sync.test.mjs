// The outbox's retry schedule (pwa/js/outbox/sync.js): 1, 2, 5, 15 s, then every 30 s.
import { test } from "node:test";
import assert from "node:assert/strict";
import { backoffMs } from "../../../../pwa/js/outbox/sync.js";

test("failures in a row wait 1, 2, 5, 15, then 30 s for good", () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 20].map(backoffMs), [1000, 2000, 5000, 15000, 30000, 30000, 30000]);
});
