/**
 * The message catalogue in English: the keys of sv.js, by the same groups (en/*.js). It loads only
 * when a person uses English, so a Swedish visit does not download it.
 * Values are strings with {placeholders}, arrays of strings (lists), or, for counts, objects keyed by
 * Intl.PluralRules category ("one", "other").
 */
import admin from "./en/admin.js";
import audit from "./en/audit.js";
import bookings from "./en/bookings.js";
import card from "./en/card.js";
import catalog from "./en/catalog.js";
import clock from "./en/clock.js";
import common from "./en/common.js";
import field from "./en/field.js";
import impact from "./en/impact.js";
import intake from "./en/intake.js";
import labels from "./en/labels.js";
import listing from "./en/listing.js";
import mail from "./en/mail.js";
import outbox from "./en/outbox.js";
import peopleImport from "./en/people-import.js";
import pickups from "./en/pickups.js";
import projects from "./en/projects.js";
import proof from "./en/proof.js";
import push from "./en/push.js";
import registerImport from "./en/register-import.js";
import register from "./en/register.js";
import repair from "./en/repair.js";
import shell from "./en/shell.js";
import sso from "./en/sso.js";
import stocktake from "./en/stocktake.js";
import talk from "./en/talk.js";
import work from "./en/work.js";

/** @type {Record<string, import("./sv.js").Message>} */
export const messages = Object.assign({},
  admin, audit, bookings, card, catalog, clock, common, field, impact, intake, labels, listing, mail, outbox,
  peopleImport, pickups, projects, proof, push, registerImport, register, repair, shell, sso, stocktake, talk,
  work
);
