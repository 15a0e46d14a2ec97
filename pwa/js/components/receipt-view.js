/**
 * A delivery's receipt as shown on the job card and on the booking: who signed for it, when, and
 * the signature or handover photo (its thumbnail opens the full image).
 */
import { h } from "../dom.js";
import { getLanguage, t } from "../i18n.js";

/**
 * @param {{recipient_name: string, kind: string, at: string, thumb_url: string, image_url: string}} proof
 * @returns {HTMLElement[]}
 */
export function signedFor(proof) {
  const locale = getLanguage() === "sv" ? "sv-SE" : "en-GB";
  const time = new Date(proof.at).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
  const alt = t(proof.kind === "photo" ? "proof.image_photo" : "proof.image_signature", { name: proof.recipient_name });
  return [
    h("p", { class: "delivery-proof__signed", text: t("proof.signed_by", { name: proof.recipient_name, time }) }),
    h("a", { class: "delivery-proof__image", href: proof.image_url, target: "_blank", rel: "noopener" },
      h("img", { src: proof.thumb_url, alt, width: 240, height: 120, loading: "lazy" })),
  ];
}
