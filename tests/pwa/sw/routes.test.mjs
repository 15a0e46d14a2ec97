// The service worker's route table (pwa/sw/routes.js): which strategy answers which request.
import { describe, it } from "node:test";
import assert from "node:assert/strict";

import { handlerFor, strategyFor } from "../../../pwa/sw/routes.js";

const ORIGIN = "https://delbar.example";

/**
 * A request as the worker's fetch event has it (only what the table reads).
 * @param {string} path @param {{method?: string, mode?: RequestMode}} [init]
 */
function request(path, { method = "GET", mode = "cors" } = {}) {
  return { method, url: new URL(path, ORIGIN).href, mode };
}

describe("strategyFor", () => {
  it("sends GET /api/ to the network first, with the last good answer as fallback", () => {
    assert.equal(strategyFor(request("/api/items/42"), ORIGIN), "network-first");
  });

  it("sends GET /api/ with a query to the network first", () => {
    assert.equal(strategyFor(request("/api/listings?q=stol&page=2"), ORIGIN), "network-first");
  });

  it("leaves a write to the network, whatever the path", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      assert.equal(strategyFor(request("/api/scans/batch", { method }), ORIGIN), null, method);
    }
  });

  it("leaves a write of a navigation to the network", () => {
    assert.equal(strategyFor(request("/login", { method: "POST", mode: "navigate" }), ORIGIN), null);
  });

  it("leaves another origin alone", () => {
    assert.equal(strategyFor(request("https://tiles.example/api/x.png"), ORIGIN), null);
  });

  it("leaves the same host on another port alone", () => {
    assert.equal(strategyFor(request("https://delbar.example:8443/js/main.js"), ORIGIN), null);
  });

  it("leaves a scanned label's /Q/ address to the server, in either case", () => {
    assert.equal(strategyFor(request("/Q/AB12CD3X", { mode: "navigate" }), ORIGIN), null);
    assert.equal(strategyFor(request("/q/ab12cd3x", { mode: "navigate" }), ORIGIN), null);
  });

  it("leaves the sign-in round trip through an identity provider to the server", () => {
    assert.equal(strategyFor(request("/api/sso/start?email=a%40ystad.se", { mode: "navigate" }), ORIGIN), null);
    assert.equal(strategyFor(request("/api/sso/callback?code=x&state=y", { mode: "navigate" }), ORIGIN), null);
    assert.equal(strategyFor(request("/api/sso/discover?email=a%40ystad.se"), ORIGIN), "network-first");
  });

  it("leaves the API schema to the server", () => {
    assert.equal(strategyFor(request("/schema/openapi.json"), ORIGIN), null);
    assert.equal(strategyFor(request("/schema", { mode: "navigate" }), ORIGIN), null);
  });

  it("answers a navigation to an app path with the cached shell", () => {
    for (const path of ["/", "/sak/42", "/skanna?uppgift=lastning", "/annons/9/andra"]) {
      assert.equal(strategyFor(request(path, { mode: "navigate" }), ORIGIN), "shell", path);
    }
  });

  it("answers a path that only starts like a server route with the shell", () => {
    assert.equal(strategyFor(request("/qr-hjalp", { mode: "navigate" }), ORIGIN), "shell");
  });

  it("answers a navigation to a file from the precache, not with the shell", () => {
    assert.equal(strategyFor(request("/manifest.webmanifest", { mode: "navigate" }), ORIGIN), "cache-first");
  });

  it("answers the app's static files cache first", () => {
    for (const path of ["/js/main.js", "/css/base.css", "/icons/icon-192.png", "/vendor/jsqr/jsQR.js"]) {
      assert.equal(strategyFor(request(path), ORIGIN), "cache-first", path);
    }
  });
});

describe("handlerFor", () => {
  it("gives a handler for a request the table routes", () => {
    assert.equal(typeof handlerFor(/** @type {any} */ (request("/js/main.js")), ORIGIN, "delbar-precache-x"), "function");
  });

  it("gives none for a request the table leaves to the network", () => {
    assert.equal(handlerFor(/** @type {any} */ (request("/api/scans/batch", { method: "POST" })), ORIGIN, "p"), null);
  });
});
