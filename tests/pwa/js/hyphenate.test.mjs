// Soft hyphens in long Swedish unit names (pwa/js/hyphenate.js), where the compound joins.
import { describe, it } from "node:test";
import assert from "node:assert/strict";

import { softHyphens } from "../../../pwa/js/hyphenate.js";

describe("softHyphens", () => {
  it("breaks a long compound before its known last part", () => {
    assert.equal(softHyphens("Kommunledningsförvaltningen"), "Kommunlednings\u00adförvaltningen");
    assert.equal(softHyphens("Samhällsbyggnadsförvaltningen"), "Samhällsbyggnads\u00adförvaltningen");
    assert.equal(softHyphens("Arbetsmarknadsenheten"), "Arbetsmarknads\u00adenheten");
  });
  it("leaves short words, unknown words and the rest of the name alone", () => {
    assert.equal(softHyphens("Ystad · Socialförvaltningen"), "Ystad · Social\u00adförvaltningen");
    assert.equal(softHyphens("Kultur och fritid"), "Kultur och fritid");
    assert.equal(softHyphens("Förvaltningen"), "Förvaltningen");
    assert.equal(softHyphens("Barn- och utbildningsförvaltningen"), "Barn- och utbildnings\u00adförvaltningen");
  });
});
