/**
 * The camera panel of the scan screen: the live picture, continuous decoding, the torch
 * and a plain-Swedish explanation when the camera cannot be used. The camera is closed as
 * soon as the panel leaves the page.
 */
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { closeCamera, hasTorch, openCamera, setTorch } from "../scan/camera.js";
import { createDecoder } from "../scan/decoder.js";

const FRAME_GAP_MS = 120;
/** The same code seen again this soon is the label still in front of the camera. */
const REPEAT_MS = 2500;

/**
 * @param {{onText: (text: string) => void, onReady: (decoder: string) => void}} props
 * @returns {HTMLElement}
 */
export function scanCamera({ onText, onReady }) {
  const video = /** @type {HTMLVideoElement} */ (
    h("video", { class: "scan-camera__video", muted: true, playsinline: true, "aria-label": t("scan.camera_label") })
  );
  const problem = h("p", { class: "scan-camera__problem", role: "alert", hidden: true });
  const torch = h("button", { type: "button", class: "button button--secondary scan-camera__torch", hidden: true });
  const start = h("button", { type: "button", class: "button button--primary", hidden: true, text: t("scan.camera_start") });
  const frame = h("div", { class: "scan-camera__frame" }, video);
  const panel = h("div", { class: "scan-camera" }, frame, problem, start, torch);

  /** @type {MediaStream | null} */
  let stream = null;
  let torchOn = false;
  let last = { text: "", at: 0 };

  async function run() {
    problem.hidden = true;
    start.hidden = true;
    frame.hidden = false;
    const decoder = await createDecoder();
    try {
      stream = await openCamera();
    } catch (error) {
      decoder.close();
      problem.textContent = t(`scan.camera.${/** @type {any} */ (error).problem ?? "busy"}`);
      problem.hidden = false;
      start.hidden = false;
      frame.hidden = true;
      onReady("none");
      return;
    }
    video.srcObject = stream;
    await video.play().catch(() => {});
    setupTorch();
    panel.dataset.decoder = decoder.kind;
    onReady(decoder.kind);
    await loop(decoder);
  }

  /** @param {import("../scan/decoder.js").Decoder} decoder */
  async function loop(decoder) {
    // The view is on the page by now (the camera took a while to open); leaving it ends this.
    while (panel.isConnected) {
      const text = video.readyState >= 2 ? await decoder.decode(video).catch(() => null) : null;
      const now = Date.now();
      if (text && (text !== last.text || now - last.at > REPEAT_MS)) onText(text);
      if (text) last = { text, at: now };
      await new Promise((resolve) => setTimeout(resolve, FRAME_GAP_MS));
    }
    decoder.close();
    closeCamera(stream);
  }

  function setupTorch() {
    if (!stream || !hasTorch(stream)) return;
    torch.hidden = false;
    torch.textContent = t("scan.torch_on");
    torch.setAttribute("aria-pressed", "false");
    torch.onclick = async () => {
      torchOn = !torchOn;
      await setTorch(/** @type {MediaStream} */ (stream), torchOn).catch(() => (torchOn = !torchOn));
      torch.textContent = t(torchOn ? "scan.torch_off" : "scan.torch_on");
      torch.setAttribute("aria-pressed", String(torchOn));
    };
  }

  start.addEventListener("click", () => run());
  queueMicrotask(() => run());
  return panel;
}
