/**
 * "Nytt nära dig": the newest published listings from my unit, my municipality and the
 * municipalities I share with, nearest first; a listing shows in the nearest group only.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { listingCard } from "./listing-card.js";
import { homeSection, moreLink, note, placeholder } from "./home-section.js";

const PER_GROUP = 4;

/**
 * @typedef {object} Nearby
 * @property {any[]} unit my unit's listings (ListingRead)
 * @property {any[]} municipality my municipality's newest (ListingCard)
 * @property {any[]} network the newest from anywhere I may see (ListingCard)
 */

/**
 * @param {object} props
 * @param {import("../session.js").User} props.user
 * @param {Promise<Nearby>} props.data
 * @returns {HTMLElement}
 */
export function homeNearby({ user, data }) {
  return homeSection({
    id: "home-nearby", title: t("home.nearby_title"), data, modifier: "wide",
    // The groups' headings are known at once; each list's slots have a fixed size (home-view.css).
    skeleton: () => groups(user, null),
    render: (found) => groups(user, nearbyGroups(user, found)),
  });
}

/**
 * The three groups and the link to the catalogue; with no listings yet (null), empty slots.
 * @param {import("../session.js").User} user @param {{unit: any[], municipality: any[], network: any[]} | null} found
 */
function groups(user, found) {
  return [
    group("home-nearby-unit", t("home.nearby_unit", { unit: user.unit?.name ?? "" }), found?.unit),
    group("home-nearby-municipality", t("home.nearby_municipality", { municipality: user.municipality?.name ?? "" }),
      found?.municipality),
    group("home-nearby-network", t("home.nearby_network"), found?.network),
    moreLink("/annonser", t("home.nearby_all")),
  ];
}

/**
 * Split the three answers into groups without repeats, newest first, a few each.
 * @param {{municipality?: {id: string}}} user
 * @param {Nearby} found
 * @returns {{unit: any[], municipality: any[], network: any[]}}
 */
export function nearbyGroups(user, found) {
  const newest = (/** @type {any} */ a, /** @type {any} */ b) =>
    String(b.published_at ?? "").localeCompare(String(a.published_at ?? ""));
  const unit = found.unit.filter((listing) => listing.status === "published").sort(newest).slice(0, PER_GROUP);
  const seen = new Set(unit.map((listing) => listing.id));
  const municipality = found.municipality.filter((listing) => !seen.has(listing.id)).slice(0, PER_GROUP);
  const network = found.network
    .filter((listing) => listing.municipality_id !== user.municipality?.id && !seen.has(listing.id))
    .slice(0, PER_GROUP);
  return { unit, municipality, network };
}

/**
 * @param {string} id
 * @param {string} title
 * @param {any[] | undefined} listings undefined while they load
 */
function group(id, title, listings) {
  const slots = () => Array.from({ length: PER_GROUP }, () => h("li", { class: "home-nearby__slot" }, placeholder("card")));
  return h("section", { class: "home-nearby__group", "aria-labelledby": id },
    h("h3", { id, class: "home-nearby__title", text: title }),
    !listings ? h("ul", { class: "home-nearby__list", "aria-hidden": "true" }, slots())
      : listings.length ? h("ul", { class: "home-nearby__list" }, listings.map((listing) => listingCard(listing)))
        : h("div", { class: "home-nearby__list" }, note(t("home.nearby_none"))));
}
