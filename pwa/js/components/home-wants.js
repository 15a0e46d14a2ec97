/**
 * "Dina efterlysningar": my open wants, each with how many listings already match it.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { homeSection, moreLink, note, placeholder } from "./home-section.js";

const SHOWN = 5;

/**
 * @param {Promise<{wants: any[], matches: any[]}>} data my wants (WantRead) and their matches (MatchRead)
 * @returns {HTMLElement}
 */
export function homeWants(data) {
  return homeSection({
    id: "home-wants", title: t("home.wants_title"), data, modifier: "list",
    skeleton: () => [placeholder("row"), placeholder("row")],
    render: ({ wants, matches }) => {
      const open = wants.filter((want) => want.mine && want.status === "open");
      if (!open.length) return [note(t("home.wants_none")), moreLink("/efterlysningar", t("home.wants_all"))];
      /** @type {Map<string, number>} */
      const counts = new Map();
      for (const match of matches) counts.set(match.want_id, (counts.get(match.want_id) ?? 0) + 1);
      return [
        h("ul", { class: "home-wants__list" }, open.slice(0, SHOWN).map((want) => {
          const n = counts.get(want.id) ?? 0;
          return h("li", { class: "home-wants__item" },
            h("a", { class: "home-wants__link", href: "/efterlysningar", text: want.text }),
            h("span", { class: `home-wants__matches${n ? " home-wants__matches--some" : ""}`,
              text: n ? t("home.wants_matches", { count: n }) : t("home.wants_no_matches") }));
        })),
        moreLink("/efterlysningar", t("home.wants_all")),
      ];
    },
  });
}
