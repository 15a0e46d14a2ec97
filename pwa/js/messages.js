/**
 * The message catalogue, one file per group of screens under messages/. Swedish is the
 * reference; English mirrors every key. Values are strings with {placeholders}, arrays of
 * strings (lists), or, for counts, objects keyed by Intl.PluralRules category ("one", "other").
 */
import admin from "./messages/admin.js";
import audit from "./messages/audit.js";
import bookings from "./messages/bookings.js";
import catalog from "./messages/catalog.js";
import clock from "./messages/clock.js";
import common from "./messages/common.js";
import field from "./messages/field.js";
import impact from "./messages/impact.js";
import intake from "./messages/intake.js";
import labels from "./messages/labels.js";
import listing from "./messages/listing.js";
import mail from "./messages/mail.js";
import outbox from "./messages/outbox.js";
import peopleImport from "./messages/people-import.js";
import pickups from "./messages/pickups.js";
import register from "./messages/register.js";
import registerImport from "./messages/register-import.js";
import repair from "./messages/repair.js";
import card from "./messages/card.js";
import proof from "./messages/proof.js";
import push from "./messages/push.js";
import shell from "./messages/shell.js";
import sso from "./messages/sso.js";
import projects from "./messages/projects.js";
import stocktake from "./messages/stocktake.js";
import talk from "./messages/talk.js";
import work from "./messages/work.js";

const groups = [common, catalog, listing, bookings, field, outbox, labels, work, impact, push, admin, clock, shell, mail,
  peopleImport, audit, sso, talk, proof, projects, stocktake, pickups, register, registerImport, intake, repair, card];

export const messages = {
  sv: Object.assign({}, ...groups.map((group) => group.sv)),
  en: Object.assign({}, ...groups.map((group) => group.en)),
};
