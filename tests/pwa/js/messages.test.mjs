// The message catalogue (pwa/js/messages/sv.js and en.js, each merging its language's group files
// under sv/ and en/): Swedish and English have the same groups, the same keys, the same
// {placeholders} and the same shapes t() and tList() read.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";

import { messages as sv } from "../../../pwa/js/messages/sv.js";
import { messages as en } from "../../../pwa/js/messages/en.js";

const messages = { sv, en };
const MESSAGES = new URL("../../../pwa/js/messages/", import.meta.url);
/** @param {"sv" | "en"} lang @returns {Promise<[string, Record<string, unknown>][]>} */
async function groupsOf(lang) {
  const dir = new URL(`${lang}/`, MESSAGES);
  return Promise.all(readdirSync(dir).filter((name) => name.endsWith(".js")).sort()
    .map(async (name) => [name, (await import(new URL(name, dir).href)).default]));
}
const groups = { sv: await groupsOf("sv"), en: await groupsOf("en") };

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

  it("has the same group files in both languages, each with the keys of the other", () => {
    assert.deepEqual(groups.en.map(([name]) => name), groups.sv.map(([name]) => name));
    const differ = groups.sv.flatMap(([name, group], n) => [...missingIn(group, groups.en[n][1]),
      ...missingIn(groups.en[n][1], group)].map((key) => `${name}: ${key}`));
    assert.deepEqual(differ, []);
  });

  it("defines each key in one group only (a later group would silently replace it)", () => {
    const owner = new Map();
    const twice = [];
    for (const lang of /** @type {const} */ (["sv", "en"])) {
      for (const [name, group] of groups[lang]) {
        for (const key of Object.keys(group)) {
          if (owner.has(`${lang}:${key}`)) twice.push(`${lang} ${key}: ${owner.get(`${lang}:${key}`)} and ${name}`);
          owner.set(`${lang}:${key}`, name);
        }
      }
    }
    assert.deepEqual(twice, []);
  });

  it("merges every group file into its language's catalogue", () => {
    for (const lang of /** @type {const} */ (["sv", "en"])) {
      const grouped = new Set(groups[lang].flatMap(([, group]) => Object.keys(group)));
      assert.deepEqual([...grouped].filter((key) => !Object.hasOwn(messages[lang], key)), []);
    }
  });
});
