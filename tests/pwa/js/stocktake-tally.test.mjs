// The stocktake's live counts on the phone (pwa/js/stocktake/tally.js): what the place expects, what
// was counted here, and the server's answer merged with scans not sent yet.
import { describe, it } from "node:test";
import assert from "node:assert/strict";

import { expectedByCode, fromAnswer, startedOffline, tally } from "../../../pwa/js/stocktake/tally.js";

const item = (id, title, code) => ({ id, title, code, state: "in_storage", location_id: null, location_name: null,
                                     thumbnail_url: null, reason: null });
const ANSWER = {
  id: "s1", location_id: "shelf", location_name: "Hylla B-2", location_path: ["Lager", "Hylla B-2"],
  found: [item("a", "Kontorsstol", "AAAAAAAA")], missing: [item("b", "Skrivbord", "BBBBBBBB")],
  unexpected: [item("c", "Whiteboard", "CCCCCCCC")],
};

describe("stocktake tally", () => {
  it("counts found of expected and unexpected from the server's answer", () => {
    assert.deepEqual(tally(fromAnswer(ANSWER)), { counted: 2, expected: 2, found: 1, remaining: 1, unexpected: 1 });
  });

  it("knows an expected item by its code without a network", () => {
    assert.deepEqual(expectedByCode(fromAnswer(ANSWER), "BBBBBBBB"), { item_id: "b", title: "Skrivbord" });
    assert.equal(expectedByCode(fromAnswer(ANSWER), "CCCCCCCC"), null);
  });

  it("keeps codes counted here and not sent yet, and lets the server's verdicts win", () => {
    const before = fromAnswer(ANSWER);
    before.counted.BBBBBBBB = { item_id: "b", title: "Skrivbord", expected: true };
    before.counted.CCCCCCCC = { item_id: null, title: null, expected: null };
    const merged = fromAnswer(ANSWER, before);
    assert.deepEqual(merged.counted.CCCCCCCC, { item_id: "c", title: "Whiteboard", expected: false });
    assert.deepEqual(tally(merged), { counted: 3, expected: 2, found: 2, remaining: 0, unexpected: 1 });
  });

  it("says nothing about what is expected for a stocktake started offline", () => {
    const local = startedOffline("s2", { id: "shelf", name: "Hylla B-2" });
    local.counted.AAAAAAAA = { item_id: null, title: null, expected: null };
    assert.deepEqual(tally(local), { counted: 1, expected: null, found: null, remaining: null, unexpected: null });
  });
});
