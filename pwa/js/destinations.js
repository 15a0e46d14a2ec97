/**
 * Where a signed-in person can go, by role: the five tabs of the phone's tab bar and the rest.
 * The tab bar, the desk sidebar and the start page's list all read this, so no screen is
 * reachable from one and lost from another.
 */

/**
 * @typedef {object} Destination
 * @property {string} href
 * @property {string} label message key of the link's text
 * @property {string} icon name of its icon (nav-icons.js)
 */

/** @type {Record<string, Destination>} */
const ALL = {
  home: { href: "/", label: "nav.home", icon: "home" },
  search: { href: "/annonser", label: "nav.search", icon: "search" },
  create: { href: "/annonser/ny", label: "nav.create", icon: "plus" },
  bookings: { href: "/bokningar", label: "nav.bookings", icon: "calendar" },
  notes: { href: "/notiser", label: "notes.title", icon: "bell" },
  talk: { href: "/meddelanden", label: "talk.title", icon: "chat" },
  scan: { href: "/skanna", label: "field.scan", icon: "scan" },
  day: { href: "/dagen", label: "nav.jobs", icon: "truck" },
  queue: { href: "/arbetsko", label: "work.queue_link", icon: "list" },
  approve: { href: "/att-godkanna", label: "bookings.queue_title", icon: "check" },
  transport: { href: "/transporter", label: "nav.transport", icon: "truck" },
  board: { href: "/dagplanering", label: "board.link", icon: "calendar" },
  admin: { href: "/admin", label: "nav.admin", icon: "gear" },
  report: { href: "/rapport", label: "report.link", icon: "chart" },
  mine: { href: "/annonser/mina", label: "catalog.mine_title", icon: "box" },
  wants: { href: "/efterlysningar", label: "wants.title", icon: "flag" },
  check: { href: "/inkopskontroll", label: "check.link", icon: "cart" },
  intake: { href: "/ta-emot", label: "intake.link", icon: "box" },
  print: { href: "/skriv-ut", label: "home.print", icon: "tag" },
  link: { href: "/koppla", label: "home.link", icon: "link" },
  stocktake: { href: "/inventering", label: "stocktake.link", icon: "clipboard" },
  repairs: { href: "/reparationer", label: "repair.link", icon: "wrench" },
  invoice: { href: "/fakturaunderlag", label: "invoice.link", icon: "doc" },
  projects: { href: "/flyttprojekt", label: "projects.link", icon: "building" },
  users: { href: "/admin/anvandare", label: "admin.users_title", icon: "people" },
  units: { href: "/admin/enheter", label: "admin.units_title", icon: "building" },
  networks: { href: "/admin/samverkan", label: "admin.networks_title", icon: "network" },
  audit: { href: "/admin/handelselogg", label: "audit.title", icon: "doc" },
};

/**
 * The tab bar by role, first match wins (a person with several roles gets the busiest one's).
 * @type {Array<[string, string[]]>}
 */
const TABS = [
  ["admin", ["home", "search", "create", "admin", "notes"]],
  ["coordinator", ["home", "queue", "approve", "transport", "notes"]],
  ["warehouse", ["home", "scan", "day", "search", "notes"]],
  ["driver", ["home", "scan", "day", "bookings", "notes"]],
  ["reporter", ["home", "search", "report", "bookings", "notes"]],
  ["employee", ["home", "search", "create", "bookings", "notes"]],
];

/**
 * Every other screen and the roles that see it (null: everyone); the server still refuses anyone else.
 * @type {Array<[string, string[] | null]>}
 */
const MORE = [
  ["talk", null],
  ["search", null],
  ["create", null],
  ["mine", null],
  ["wants", null],
  ["bookings", null],
  ["approve", null],
  ["scan", ["driver", "warehouse", "admin"]],
  ["day", ["driver", "warehouse", "admin"]],
  ["transport", ["coordinator"]],
  ["board", ["coordinator"]],
  ["intake", ["warehouse", "coordinator"]],
  ["print", ["warehouse", "coordinator", "admin"]],
  ["link", ["warehouse", "coordinator", "admin"]],
  ["stocktake", ["warehouse", "coordinator", "admin"]],
  ["repairs", ["warehouse", "coordinator"]],
  ["queue", ["coordinator", "admin"]],
  ["invoice", ["coordinator", "admin"]],
  ["projects", null],  // a collaborator of any role opens the projects they are on
  ["report", ["reporter", "coordinator", "admin"]],
  ["check", ["employee", "warehouse", "driver", "coordinator", "admin"]],
  ["admin", ["admin"]],
  ["users", ["admin"]],
  ["units", ["admin"]],
  ["networks", ["admin"]],
  ["audit", ["admin"]],
];

/**
 * @param {{roles?: string[]}} user
 * @returns {{tabs: Destination[], more: Destination[]}} tabs: the tab bar; more: the rest, none twice
 */
export function destinationsFor(user) {
  const roles = user.roles ?? [];
  const [, tabKeys] = TABS.find(([role]) => roles.includes(role)) ?? TABS[TABS.length - 1];
  const more = MORE.filter(([key, who]) => !tabKeys.includes(key) && (who === null || roles.some((role) => who.includes(role))))
    .map(([key]) => ALL[key]);
  return { tabs: tabKeys.map((key) => ALL[key]), more };
}

/**
 * The destination a path belongs to: the longest href that is the path or a parent of it,
 * so /bokningar/123 marks "Bokningar" and /annonser/ny marks "Lägg upp", not "Sök".
 * @param {Destination[]} destinations
 * @param {string} path
 * @returns {Destination | undefined}
 */
export function currentDestination(destinations, path) {
  let best;
  for (const place of destinations) {
    const fits = place.href === "/" ? path === "/" : path === place.href || path.startsWith(`${place.href}/`);
    if (fits && (!best || place.href.length > best.href.length)) best = place;
  }
  return best;
}
