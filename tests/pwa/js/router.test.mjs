// The router's matching (pwa/js/router.js) over the app's real route table (pwa/js/routes.js),
// and where a sign-in sends the user next (the ?next= query).
import { describe, it } from "node:test";
import assert from "node:assert/strict";

import { match } from "../../../pwa/js/router.js";
import { appRoutes, nextPath } from "../../../pwa/js/routes.js";

const noop = async () => {};
const routes = appRoutes({ go: () => {}, onLogin: noop, onLogout: noop });

/** One address per route pattern of the app, and the params it must give. */
const EXAMPLES = [
  ["/", "/", {}],
  ["/login", "/login", {}],
  ["/tillganglighet", "/tillganglighet", {}],
  ["/boka/:id", "/boka/7f3e", { id: "7f3e" }],
  ["/bokningar", "/bokningar", {}],
  ["/bokningar/:id", "/bokningar/b-1", { id: "b-1" }],
  ["/att-godkanna", "/att-godkanna", {}],
  ["/transporter", "/transporter", {}],
  ["/dagplanering", "/dagplanering", {}],
  ["/meddelanden", "/meddelanden", {}],
  ["/meddelanden/:id", "/meddelanden/3f2c5a9e-1b7d-4c8e-9a0f-2d6b8e4c1a7f", { id: "3f2c5a9e-1b7d-4c8e-9a0f-2d6b8e4c1a7f" }],
  ["/notiser", "/notiser", {}],
  ["/notiser/installningar", "/notiser/installningar", {}],
  ["/skanna", "/skanna", {}],
  ["/dagen", "/dagen", {}],
  ["/behover-atgard", "/behover-atgard", {}],
  ["/inventering", "/inventering", {}],
  ["/inventering/:id", "/inventering/3f2c5a9e-1b7d-4c8e-9a0f-2d6b8e4c1a7f", { id: "3f2c5a9e-1b7d-4c8e-9a0f-2d6b8e4c1a7f" }],
  ["/skriv-ut", "/skriv-ut", {}],
  ["/sakregister", "/sakregister", {}],
  ["/sakregister/importera", "/sakregister/importera", {}],
  ["/ta-emot", "/ta-emot", {}],
  ["/koppla", "/koppla", {}],
  ["/koppla/:code", "/koppla/AB12CD3X", { code: "AB12CD3X" }],
  ["/sak/:id", "/sak/42", { id: "42" }],
  ["/plats/:id", "/plats/hylla-3", { id: "hylla-3" }],
  ["/arbetsko", "/arbetsko", {}],
  ["/anmalda-meddelanden", "/anmalda-meddelanden", {}],
  ["/flyttprojekt", "/flyttprojekt", {}],
  ["/flyttprojekt/:id", "/flyttprojekt/abc-123", { id: "abc-123" }],
  ["/fakturaunderlag", "/fakturaunderlag", {}],
  ["/fakturaunderlag/kolumner", "/fakturaunderlag/kolumner", {}],
  ["/rapport", "/rapport", {}],
  ["/reparationer", "/reparationer", {}],
  ["/miljofaktorer", "/miljofaktorer", {}],
  ["/inkopskontroll", "/inkopskontroll", {}],
  ["/annonser", "/annonser", {}],
  ["/annonser/ny", "/annonser/ny", {}],
  ["/annonser/mina", "/annonser/mina", {}],
  ["/annons/:id", "/annons/l-9", { id: "l-9" }],
  ["/annonser/:id", "/annonser/l-9", { id: "l-9" }],
  ["/annons/:id/andra", "/annons/l-9/andra", { id: "l-9" }],
  ["/efterlysningar", "/efterlysningar", {}],
  ["/glomt-losenord", "/glomt-losenord", {}],
  ["/losenord", "/losenord", {}],
  ["/admin", "/admin", {}],
  ["/admin/anvandare", "/admin/anvandare", {}],
  ["/admin/enheter", "/admin/enheter", {}],
  ["/admin/importera", "/admin/importera", {}],
  ["/admin/samverkan", "/admin/samverkan", {}],
  ["/admin/inloggning", "/admin/inloggning", {}],
  ["/admin/meddelanden", "/admin/meddelanden", {}],
  ["/admin/faltlista", "/admin/faltlista", {}],
  ["/admin/handelselogg", "/admin/handelselogg", {}],
];

/** @param {string} path the pattern the path matched, or undefined */
function patternOf(path) {
  const { route } = match(routes, path);
  return Object.keys(routes).find((pattern) => routes[pattern] === route);
}

describe("match", () => {
  it("has an example here for every route of the app", () => {
    assert.deepEqual(EXAMPLES.map(([pattern]) => pattern).sort(), Object.keys(routes).sort());
  });

  for (const [pattern, path, params] of EXAMPLES) {
    it(`gives ${path} to ${pattern}`, () => {
      assert.equal(patternOf(path), pattern);
      assert.deepEqual(match(routes, path).params, params);
    });
  }

  it("prefers a fixed path over a pattern that would also fit", () => {
    assert.equal(patternOf("/annonser/ny"), "/annonser/ny");
    assert.equal(patternOf("/annonser/mina"), "/annonser/mina");
  });

  it("decodes a captured segment", () => {
    assert.deepEqual(match(routes, "/sak/st%C3%B6l%201").params, { id: "stöl 1" });
  });

  it("keeps an encoded slash inside its one segment", () => {
    assert.deepEqual(match(routes, "/koppla/a%2Fb").params, { code: "a/b" });
  });

  it("treats a malformed escape as no match, not a crash", () => {
    assert.equal(match(routes, "/sak/%E0%A4%A").route, undefined);
  });

  it("does not capture an empty segment", () => {
    assert.equal(match(routes, "/sak/").route, undefined);
  });

  it("does not match a path with more segments than the pattern", () => {
    assert.equal(match(routes, "/sak/42/mer").route, undefined);
  });

  it("does not match a fixed path with a trailing slash", () => {
    assert.equal(match(routes, "/bokningar/").route, undefined);
  });

  it("does not match a path of another case", () => {
    assert.equal(match(routes, "/Annonser").route, undefined);
  });

  it("leaves an unknown path to the fallback", () => {
    assert.deepEqual(match(routes, "/finns-inte"), { route: undefined, params: {} });
  });

  it("does not take a name of Object.prototype for a route", () => {
    assert.equal(match(routes, "/constructor").route, undefined);
  });
});

describe("nextPath", () => {
  it("returns the path named in ?next=", () => {
    assert.equal(nextPath("?next=%2Fsak%2F42"), "/sak/42");
  });

  it("keeps the query of the page the user came from", () => {
    const from = "/annonser?q=stol&sida=2";
    assert.equal(nextPath(`?next=${encodeURIComponent(from)}`), from);
  });

  it("returns null without ?next=", () => {
    assert.equal(nextPath(""), null);
    assert.equal(nextPath("?q=stol"), null);
  });

  it("refuses another origin written as a scheme-relative URL", () => {
    assert.equal(nextPath("?next=%2F%2Fevil.example%2Flogin"), null);
  });

  it("refuses an absolute URL", () => {
    assert.equal(nextPath("?next=https%3A%2F%2Fevil.example%2F"), null);
  });

  it("refuses a backslash, which browsers read as a slash", () => {
    assert.equal(nextPath("?next=%2F%5Cevil.example"), null);
  });
});
