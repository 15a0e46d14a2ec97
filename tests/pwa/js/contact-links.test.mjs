import { test } from "node:test";
import assert from "node:assert/strict";

import { mapsHref, telHref } from "../../../pwa/js/contact-links.js";

test("a phone number as typed becomes a tel: link of its digits", () => {
  assert.equal(telHref("0411-55 50 00"), "tel:0411555000");
  assert.equal(telHref(" +46 (0)411 55 50 00 "), "tel:+46411555000");
  assert.equal(telHref("070 123 45 67"), "tel:0701234567");
});

test("no number, or text that is no number, gives no link", () => {
  assert.equal(telHref(""), null);
  assert.equal(telHref(undefined), null);
  assert.equal(telHref("ring vakten"), null);
  assert.equal(telHref("1".repeat(16)), null);
});

test("an address becomes a maps search with the address encoded", () => {
  assert.equal(mapsHref("Skolgatan 3, 274 30 Skurup"),
    "https://www.google.com/maps/search/?api=1&query=Skolgatan%203%2C%20274%2030%20Skurup");
  assert.equal(mapsHref("Åvägen 1 & 2"), "https://www.google.com/maps/search/?api=1&query=%C3%85v%C3%A4gen%201%20%26%202");
  assert.equal(mapsHref("  "), null);
  assert.equal(mapsHref(null), null);
});
