/**
 * Network membership (/admin/samverkan): the networks the municipality is in or invited to, each
 * with its members and their status; invite another municipality, accept an invitation, leave
 * (asked first: the municipalities stop seeing each other's listings), start a new network.
 * Everyone may read this (the server allows it); only admins get the actions.
 */
import { h } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { api, ApiError } from "../api.js";
import { currentUser } from "../session.js";
import { nameProblem } from "../admin-rules.js";
import { adminPage } from "./admin-page.js";
import { checkedField, textInput } from "./checked-field.js";
import { confirmButton } from "./confirm-button.js";

/**
 * @typedef {{municipality: {id: string, name: string}, status: string}} Member
 * @typedef {{id: string, name: string, members: Member[]}} Network
 */

/** @returns {HTMLElement} */
export function networksView() {
  const me = currentUser();
  const admin = Boolean(me?.roles?.includes("admin"));
  const ours = me?.municipality?.name ?? "";
  const heading = h("h2", { id: "networks-view-list", tabindex: "-1", text: t("admin.networks_list") });
  const list = h("ul", { class: "networks-view__list", "aria-labelledby": "networks-view-list" });
  const page = adminPage({ id: "networks-view", titleKey: "admin.networks_title", intro: t("admin.networks_intro") },
    admin ? h("details", { class: "admin-page__create" },
      h("summary", { class: "admin-page__summary", text: t("admin.network_new") }), networkForm())
      : h("p", { class: "admin-page__note", text: t("admin.admins_only") }),
    heading, list);
  /** @type {{id: string, name: string}[]} */
  let municipalities = [];

  /** @param {string} [focusId] the network whose heading gets focus afterwards; "" for the list's */
  async function load(focusId) {
    page.busy(true);
    try {
      /** @type {Network[]} */
      const networks = await api("/api/networks");
      if (!municipalities.length) municipalities = await api("/api/municipalities");
      list.replaceChildren(...networks.map(networkCard));
      if (!networks.length) list.replaceChildren(h("li", { text: t("admin.networks_none") }));
      const target = focusId ? list.querySelector(`#network-${focusId}`) : focusId === "" ? heading : null;
      /** @type {HTMLElement | null} */ (target)?.focus();
    } catch (error) {
      page.refuse(error);
    } finally {
      page.busy(false);
    }
  }

  /**
   * Send an action; afterwards the list is read again and the outcome announced.
   * @param {() => Promise<any>} request @param {string} message @param {string} [focusId]
   */
  async function act(request, message, focusId) {
    try {
      await request();
    } catch (error) {
      page.refuse(error);
      return;
    }
    await load(focusId);
    page.say(message);
  }

  /** @param {Network} network */
  function networkCard(network) {
    const titleId = `network-${network.id}`;
    const own = network.members.find((m) => m.municipality.id === me?.municipality?.id)?.status;
    return h("li", { class: "networks-view__network", "aria-labelledby": titleId },
      h("h3", { id: titleId, class: "networks-view__name", tabindex: "-1", text: network.name }),
      h("p", { class: "networks-view__own",
               text: t(own === "invited" ? "admin.network_invited" : "admin.network_member", { municipality: ours }) }),
      h("h4", { text: t("admin.members") }),
      h("ul", { class: "networks-view__members", "aria-label": t("admin.members_of", { name: network.name }) },
        network.members.map((m) => h("li", { class: `networks-view__member networks-view__member--${m.status}` },
          h("span", { class: "networks-view__member-name", text: m.municipality.name }), " – ",
          h("span", { class: "networks-view__member-status", text: statusText(m.status) })))),
      admin ? (own === "invited" ? answerInvitation(network) : memberActions(network)) : null);
  }

  /** @param {Network} network */
  function answerInvitation(network) {
    return h("div", { class: "networks-view__actions" },
      h("button", { type: "button", class: "button button--primary", text: t("admin.accept", { name: network.name }),
                    onclick: () => act(() => api(`/api/networks/${network.id}/accept`, { method: "POST" }),
                                       t("admin.accepted", { name: network.name }), network.id) }),
      confirmButton({ label: t("admin.decline", { name: network.name }),
                      question: t("admin.decline_question", { name: network.name }), yes: t("admin.decline_yes"),
                      onConfirm: () => leave(network, "admin.declined") }));
  }

  /** @param {Network} network */
  function memberActions(network) {
    const taken = new Set(network.members.map((m) => m.municipality.id));
    const others = municipalities.filter((m) => !taken.has(m.id));
    const select = checkedField(`network-${network.id}-invite`, "admin.invite_label",
      h("select", { name: "municipality_id" }, h("option", { value: "", text: t("admin.choose_municipality") }),
        others.map((m) => h("option", { value: m.id, text: m.name }))));
    const form = h("form", { class: "admin-form networks-view__invite", novalidate: true }, select.element,
      h("button", { type: "submit", class: "button button--secondary",
                    text: t("admin.invite", { name: network.name }) }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const chosen = others.find((m) => m.id === select.input.value);
      if (!chosen) {
        select.check(t("admin.municipality_missing"))?.focus();
        return;
      }
      const body = { municipality_id: chosen.id };
      act(() => api(`/api/networks/${network.id}/invitations`, { method: "POST", body }),
          t("admin.invited", { municipality: chosen.name, name: network.name }), network.id);
    });
    return h("div", { class: "networks-view__actions" },
      others.length ? form : h("p", { text: t("admin.everyone_invited") }),
      confirmButton({ label: t("admin.leave", { name: network.name }),
                      question: t("admin.leave_question", { name: network.name, municipality: ours }),
                      yes: t("admin.leave_yes"), onConfirm: () => leave(network, "admin.left") }));
  }

  /** @param {Network} network @param {string} messageKey */
  function leave(network, messageKey) {
    return act(() => api(`/api/networks/${network.id}/membership`, { method: "DELETE" }),
               t(messageKey, { name: network.name, municipality: ours }), "");
  }

  function networkForm() {
    const name = checkedField("network-new-name", "admin.network_name",
      textInput({ name: "name", maxlength: "200", required: true }), "admin.network_name_hint");
    const form = /** @type {HTMLFormElement} */ (h("form", { class: "admin-form", novalidate: true }, name.element,
      h("button", { type: "submit", class: "button button--primary", text: t("admin.network_create") })));
    let clientId = crypto.randomUUID();
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const value = name.input.value.trim();
      if (name.check(nameProblem(value, "admin.network_name_missing"))) {
        name.input.focus();
        return;
      }
      try {
        const network = await api("/api/networks", { method: "POST", body: { id: clientId, name: value } });
        clientId = crypto.randomUUID();
        form.reset();
        await load(network.id);
        page.say(t("admin.network_created", { name: network.name }));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.code === "name_taken") name.check(errorText(error))?.focus();
        else page.refuse(error);
      }
    });
    return form;
  }

  queueMicrotask(() => load());
  return page.element;
}

/** @param {string} status */
function statusText(status) {
  const key = `admin.status_${status}`;
  const text = t(key);
  return text === key ? status : text;
}
