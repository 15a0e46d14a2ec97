// The clock skew one server answer shows (pwa/js/outbox/skew.js): the phone's time minus the
// server's, from the Date header's whole seconds and the round trip.
import { test } from "node:test";
import assert from "node:assert/strict";
import { skewFrom } from "../../../../pwa/js/outbox/skew.js";

const server = Date.parse("Sun, 06 Dec 2026 12:00:00 GMT");

test("a phone two hours ahead measures +2 h within a second", () => {
  const sent = server + 2 * 3600_000 + 100;
  const skew = skewFrom("Sun, 06 Dec 2026 12:00:00 GMT", sent, sent + 200);
  assert.ok(Math.abs(skew - 2 * 3600_000) < 1000, String(skew));
});

test("a phone three days behind measures a negative skew", () => {
  const sent = server - 3 * 86400_000;
  const skew = skewFrom("Sun, 06 Dec 2026 12:00:00 GMT", sent, sent + 50);
  assert.ok(Math.abs(skew + 3 * 86400_000) < 1000, String(skew));
});

test("a right clock measures under a second", () => {
  assert.ok(Math.abs(skewFrom("Sun, 06 Dec 2026 12:00:00 GMT", server + 300, server + 500)) < 1000);
});

test("no Date, a bad Date or a slow answer measures nothing", () => {
  assert.equal(skewFrom(null, server, server + 10), null);
  assert.equal(skewFrom("yesterday-ish", server, server + 10), null);
  assert.equal(skewFrom("Sun, 06 Dec 2026 12:00:00 GMT", server, server + 6000), null);
});
