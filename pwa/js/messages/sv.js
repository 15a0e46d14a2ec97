/**
 * The message catalogue in Swedish, the reference: every key the app shows, by group of screens
 * (sv/*.js). It loads with the app.
 * Values are strings with {placeholders}, arrays of strings (lists), or, for counts, objects keyed by
 * Intl.PluralRules category ("one", "other").
 */
/** @typedef {string | string[] | Record<string, string>} Message a text, a list, or plural forms */

import admin from "./sv/admin.js";
import audit from "./sv/audit.js";
import bookings from "./sv/bookings.js";
import card from "./sv/card.js";
import catalog from "./sv/catalog.js";
import clock from "./sv/clock.js";
import common from "./sv/common.js";
import field from "./sv/field.js";
import impact from "./sv/impact.js";
import intake from "./sv/intake.js";
import labels from "./sv/labels.js";
import listing from "./sv/listing.js";
import mail from "./sv/mail.js";
import outbox from "./sv/outbox.js";
import peopleImport from "./sv/people-import.js";
import pickups from "./sv/pickups.js";
import projects from "./sv/projects.js";
import proof from "./sv/proof.js";
import push from "./sv/push.js";
import registerImport from "./sv/register-import.js";
import register from "./sv/register.js";
import repair from "./sv/repair.js";
import shell from "./sv/shell.js";
import sso from "./sv/sso.js";
import stocktake from "./sv/stocktake.js";
import talk from "./sv/talk.js";
import work from "./sv/work.js";

/** @type {Record<string, Message>} */
export const messages = Object.assign({},
  admin, audit, bookings, card, catalog, clock, common, field, impact, intake, labels, listing, mail, outbox,
  peopleImport, pickups, projects, proof, push, registerImport, register, repair, shell, sso, stocktake, talk,
  work
);
