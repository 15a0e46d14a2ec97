/**
 * A box to sign in with a finger, a pen or a mouse (pointer events), drawn on white so the image
 * reads the same wherever it is shown. A person who cannot draw has the handover photo instead.
 */
import { h } from "../dom.js";

const LINE = 3;

/**
 * @param {{label: string, hint: string, clearLabel: string}} words
 * @returns {{element: HTMLElement, canvas: HTMLCanvasElement, isEmpty: () => boolean, toBlob: () => Promise<Blob>}}
 */
export function signaturePad({ label, hint, clearLabel }) {
  const canvas = /** @type {HTMLCanvasElement} */ (h("canvas", {
    class: "signature-pad__canvas", role: "img", "aria-label": label, tabindex: "0", "data-testid": "signature-pad",
  }));
  const hintId = `signature-hint-${Math.random().toString(36).slice(2)}`;
  canvas.setAttribute("aria-describedby", hintId);
  const clear = h("button", { type: "button", class: "button button--secondary signature-pad__clear", text: clearLabel });
  let strokes = 0;
  /** @type {{x: number, y: number} | null} */
  let last = null;
  const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));

  // Sized to the box as laid out, in device pixels, once it is on the screen (and again if it changes).
  function fit() {
    const box = canvas.getBoundingClientRect();
    if (!box.width) return;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(box.width * ratio);
    const height = Math.round(box.height * ratio);
    if (canvas.width === width && canvas.height === height) return;
    canvas.width = width;
    canvas.height = height;
    wipe();
  }
  function wipe() {
    context.fillStyle = "#fff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    strokes = 0;
  }
  /** @param {PointerEvent} event */
  function point(event) {
    const box = canvas.getBoundingClientRect();
    return { x: (event.clientX - box.left) * (canvas.width / box.width), y: (event.clientY - box.top) * (canvas.height / box.height) };
  }
  canvas.addEventListener("pointerdown", (event) => {
    fit();
    canvas.setPointerCapture(event.pointerId);
    last = point(event);
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!last) return;
    const next = point(event);
    context.strokeStyle = "#111";
    context.lineWidth = LINE * (window.devicePixelRatio || 1);
    context.lineCap = "round";
    context.beginPath();
    context.moveTo(last.x, last.y);
    context.lineTo(next.x, next.y);
    context.stroke();
    last = next;
    strokes += 1;
    event.preventDefault();
  });
  const end = () => { last = null; };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  clear.addEventListener("click", () => {
    wipe();
    canvas.focus();
  });
  new ResizeObserver(() => fit()).observe(canvas);

  const element = h("div", { class: "signature-pad" }, canvas,
    h("p", { id: hintId, class: "signature-pad__hint", text: hint }), clear);
  return {
    element,
    canvas,
    isEmpty: () => strokes < 2,
    toBlob: () => new Promise((resolve, reject) => {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no image"))), "image/png");
    }),
  };
}
