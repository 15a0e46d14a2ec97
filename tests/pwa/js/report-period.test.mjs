import { test } from "node:test";
import assert from "node:assert/strict";

import { periodFromSearch, periodSearch, rangeOf } from "../../../pwa/js/components/report-period.js";

const NOW = new Date(2026, 11, 7);

test("a quarter, a year and a month cover their months", () => {
  assert.deepEqual(rangeOf("quarter", "2026-05"), { from: "2026-04", to: "2026-06" });
  assert.deepEqual(rangeOf("year", "2025-09"), { from: "2025-01", to: "2025-12" });
  assert.deepEqual(rangeOf("month", "2026-02"), { from: "2026-02", to: "2026-02" });
});

test("the URL's period is read back as it was written", () => {
  const period = { kind: /** @type {const} */ ("quarter"), from: "2026-07", to: "2026-09" };
  assert.deepEqual(periodFromSearch(periodSearch(period, "network"), NOW), period);
  const custom = { kind: /** @type {const} */ ("custom"), from: "2025-11", to: "2026-02" };
  assert.deepEqual(periodFromSearch(periodSearch(custom, "municipality"), NOW), custom);
});

test("without a period in the URL the last twelve months are shown", () => {
  assert.deepEqual(periodFromSearch("", NOW), { kind: "custom", from: "2026-01", to: "2026-12" });
  assert.deepEqual(periodFromSearch("?from_month=junk", new Date(2026, 2, 1)),
    { kind: "custom", from: "2025-04", to: "2026-03" });
});
