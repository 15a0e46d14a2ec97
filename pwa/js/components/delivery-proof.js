/**
 * The receipt on a job card: once the job's items are scanned as delivered, the recipient signs on
 * the screen (or the driver photographs the handover) and their name is typed. The receipt waits in
 * the outbox behind the deliver scans it signs for, so it works with no network; the card says it
 * waits, and later who signed.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { jobItems } from "../offline/shift.js";
import { currentOwner } from "../outbox/owner.js";
import { queueReceipt, receipts } from "../outbox/photos.js";
import { onOutboxChange } from "../outbox/queue.js";
import { afterEnqueue } from "../outbox/sync.js";
import { signedFor } from "./receipt-view.js";
import { signaturePad } from "./signature-pad.js";

/**
 * @param {any} job as GET /api/transport-jobs answers
 * @param {Record<string, string>} states item id → state after this phone's own scans
 * @returns {HTMLElement | null} null while there is nothing to sign for
 */
export function deliveryProof(job, states) {
  if (job.leg === "return") return null;
  const items = jobItems([job]);
  const delivered = items.length > 0 && items.every((item) => (states[item.id] ?? item.state) === "delivered");
  if (!job.proof && !delivered) return null;
  const section = h("section", { class: "delivery-proof", "aria-label": t("proof.title"), "data-testid": "job-proof" });
  if (job.proof) {
    section.append(...signedFor(job.proof));
    return section;
  }
  const status = h("p", { class: "delivery-proof__status", role: "status", tabindex: "-1" });
  const open = h("button", { type: "button", class: "button button--primary delivery-proof__open",
                             "aria-expanded": "false", text: t("proof.open") });
  section.append(status, open);
  open.addEventListener("click", () => {
    open.hidden = true;
    open.setAttribute("aria-expanded", "true");
    const form = receiptForm(job, async (saved) => {
      form.remove();
      open.setAttribute("aria-expanded", "false");
      await refresh().catch(() => {});
      (saved ? status : open).focus();
    });
    section.append(form);
    /** @type {HTMLInputElement | null} */ (form.querySelector("input[name=recipient_name]"))?.focus();
  });

  // What the outbox holds for this job: a receipt waiting for a network, or one already sent. A read
  // that finds nobody signed in, or fails, while another context writes is tried again shortly.
  async function refresh(tries = 3) {
    if (section.dataset.mounted && !section.isConnected) return stop();
    section.dataset.mounted = "true";
    const owner = await currentOwner();
    const found = owner ? await receipts(owner).catch(() => null) : null;
    if (!found) {
      if (tries > 0) setTimeout(() => refresh(tries - 1).catch(() => {}), 500);
      return undefined;
    }
    const { waiting, results } = found;
    const queued = waiting.find((r) => r.jobId === job.id);
    const sent = results.filter((r) => r.receipt?.jobId === job.id && !r.refused).at(-1);
    const done = queued ?? sent?.receipt;
    status.textContent = queued ? t("proof.waiting", { name: queued.recipient_name })
      : sent?.receipt ? t("proof.sent", { name: sent.receipt.recipient_name }) : "";
    open.hidden = Boolean(done) || section.querySelector("form") !== null;
  }
  const stop = onOutboxChange(() => refresh().catch(() => {}));
  refresh().catch(() => {});
  return section;
}

/**
 * @param {any} job
 * @param {(saved: boolean) => void} close told whether a receipt was saved
 * @returns {HTMLFormElement}
 */
function receiptForm(job, close) {
  const id = `proof-${job.id}`;
  const name = h("input", { id: `${id}-name`, name: "recipient_name", type: "text", required: true, maxlength: 100,
                            autocomplete: "off", value: job.recipient_name ?? "" });
  const pad = signaturePad({ label: t("proof.pad"), hint: t("proof.pad_hint"), clearLabel: t("proof.clear") });
  const file = h("input", { type: "file", accept: "image/*", capture: "environment", class: "delivery-proof__file",
                            tabindex: "-1", "aria-hidden": "true" });
  const chosen = h("p", { class: "delivery-proof__chosen", "aria-live": "polite" });
  const takePhoto = h("button", { type: "button", class: "button button--secondary", text: t("proof.take_photo") });
  takePhoto.addEventListener("click", () => file.click());
  file.addEventListener("change", () => {
    const picked = file.files?.[0];
    chosen.textContent = picked ? t("proof.photo_chosen", { name: picked.name }) : "";
  });
  const photoPart = h("div", { class: "delivery-proof__photo", hidden: true }, takePhoto, file, chosen);
  const kind = (/** @type {"signature" | "photo"} */ value, /** @type {boolean} */ checked) => h(
    "label", { class: "delivery-proof__choice" },
    h("input", { type: "radio", name: `${id}-kind`, value, checked }), t(`proof.${value}`));
  const choices = h("fieldset", { class: "delivery-proof__how" }, h("legend", { text: t("proof.how") }),
    kind("signature", true), kind("photo", false));
  choices.addEventListener("change", () => {
    const photo = picked() === "photo";
    pad.element.hidden = photo;
    photoPart.hidden = !photo;
  });
  const error = h("p", { class: "delivery-proof__error", role: "alert" });
  const save = h("button", { type: "submit", class: "button button--primary", text: t("proof.save") });
  const cancel = h("button", { type: "button", class: "button button--secondary", text: t("proof.cancel") });
  cancel.addEventListener("click", () => close(false));
  const form = /** @type {HTMLFormElement} */ (h(
    "form", { class: "delivery-proof__form", novalidate: true },
    h("label", { for: `${id}-name`, text: t("proof.name") }), name,
    choices, pad.element, photoPart, error,
    h("div", { class: "delivery-proof__buttons" }, save, cancel),
  ));

  function picked() {
    return /** @type {HTMLInputElement | null} */ (choices.querySelector("input:checked"))?.value === "photo"
      ? "photo" : "signature";
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const recipient = name.value.trim().replace(/\s+/g, " ");
    const how = picked();
    const photo = file.files?.[0];
    const missing = !recipient ? "proof.name_missing" : how === "signature" && pad.isEmpty() ? "proof.signature_missing"
      : how === "photo" && !photo ? "proof.photo_missing" : "";
    error.textContent = missing ? t(missing) : "";
    if (missing) {
      (missing === "proof.name_missing" ? name : how === "photo" ? takePhoto : pad.canvas).focus();
      return;
    }
    save.disabled = true;
    try {
      const image = how === "photo" && photo ? photo : await pad.toBlob();
      await queueReceipt({ jobId: job.id, recipient_name: recipient.slice(0, 100), kind: how }, image,
                         job.delivery?.address || job.recipient_name || "");
      afterEnqueue();
      close(true);
    } catch {
      error.textContent = t("proof.failed");
      save.disabled = false;
    }
  });
  return form;
}
