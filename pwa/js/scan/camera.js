/**
 * The rear camera: open it, report why it could not be opened, switch the torch.
 */

/**
 * @typedef {"denied" | "missing" | "busy" | "insecure" | "unsupported"} CameraProblem
 */

/**
 * @returns {Promise<MediaStream>}
 * @throws {{problem: CameraProblem}}
 */
export async function openCamera() {
  if (!window.isSecureContext) throw { problem: "insecure" };
  if (!navigator.mediaDevices?.getUserMedia) throw { problem: "unsupported" };
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : "";
    if (name === "NotAllowedError" || name === "SecurityError") throw { problem: "denied" };
    if (name === "NotFoundError" || name === "OverconstrainedError") throw { problem: "missing" };
    throw { problem: "busy" };
  }
}

/**
 * @param {MediaStream} stream
 * @returns {boolean} whether the camera has a torch the page may switch
 */
export function hasTorch(stream) {
  const [track] = stream.getVideoTracks();
  const capabilities = track?.getCapabilities?.();
  return Boolean(capabilities && /** @type {any} */ (capabilities).torch);
}

/**
 * @param {MediaStream} stream
 * @param {boolean} on
 * @returns {Promise<void>}
 */
export async function setTorch(stream, on) {
  const [track] = stream.getVideoTracks();
  await track.applyConstraints(/** @type {any} */ ({ advanced: [{ torch: on }] }));
}

/** @param {MediaStream | null} stream */
export function closeCamera(stream) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
