// The message catalogue (pwa/js/messages.js and messages/*.js): Swedish and English have the
// same keys, the same {placeholders} and the same shapes t() and tList() read.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";

import { messages } from "../../../pwa/js/messages.js";

const GROUP_DIR = new URL("../../../pwa/js/messages/", import.meta.url);
const groups = await Promise.all(readdirSync(GROUP_DIR).filter((name) => name.endsWith(".js")).sort()
  .map(async (name) => [name, (await import(new URL(name, GROUP_DIR).href)).default]));

/** Every {name} in a value: a string, a list of strings, or plural forms. @param {unknown} value */
function placeholders(value) {
  const texts = typeof value === "string" ? [value] : Object.values(/** @type {object} */ (value));
  return [...new Set(texts.flatMap((text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
}

/** @param {Record<string, unknown>} catalogue @param {Record<string, unknown>} other */
function missingIn(catalogue, other) {
  return Object.keys(catalogue).filter((key) => !Object.hasOwn(other, key));
}

const keys = Object.keys(messages.sv);
const isPlural = (/** @type {unknown} */ v) => Boolean(v) && typeof v === "object" && !Array.isArray(v);

describe("messages", () => {
  it("has every Swedish key in English", () => {
    assert.deepEqual(missingIn(messages.sv, messages.en), []);
  });

  it("has every English key in Swedish", () => {
    assert.deepEqual(missingIn(messages.en, messages.sv), []);
  });

  it("uses the same placeholders in both languages", () => {
    const differ = keys.filter((key) => Object.hasOwn(messages.en, key))
      .filter((key) => placeholders(messages.sv[key]).join() !== placeholders(messages.en[key]).join())
      .map((key) => `${key}: sv {${placeholders(messages.sv[key])}} en {${placeholders(messages.en[key])}}`);
    assert.deepEqual(differ, []);
  });

  it("has a list in English wherever Swedish has one, and the other way round (tList reads lists only)", () => {
    const differ = keys.filter((key) => Array.isArray(messages.sv[key]) !== Array.isArray(messages.en[key]));
    assert.deepEqual(differ, []);
  });

  it("gives every plural an 'other' form (t falls back to it)", () => {
    const lacking = ["sv", "en"].flatMap((lang) => Object.entries(messages[lang])
      .filter(([, value]) => isPlural(value) && typeof value.other !== "string").map(([key]) => `${lang}: ${key}`));
    assert.deepEqual(lacking, []);
  });

  it("defines each key in one group only (a later group would silently replace it)", () => {
    const owner = new Map();
    const twice = [];
    for (const [name, group] of groups) {
      for (const lang of ["sv", "en"]) {
        for (const key of Object.keys(group[lang])) {
          if (owner.has(`${lang}:${key}`)) twice.push(`${lang} ${key}: ${owner.get(`${lang}:${key}`)} and ${name}`);
          owner.set(`${lang}:${key}`, name);
        }
      }
    }
    assert.deepEqual(twice, []);
  });

  it("merges every group file into the catalogue", () => {
    const grouped = new Set(groups.flatMap(([, group]) => Object.keys(group.sv)));
    assert.deepEqual([...grouped].filter((key) => !Object.hasOwn(messages.sv, key)), []);
  });
});
