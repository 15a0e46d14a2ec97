/**
 * What a scan feels like: a short beep (WebAudio, no sound file to load), a vibration where
 * the phone has one. The visual confirmation lives in the scan view.
 */

/** @type {AudioContext | null} */
let audio = null;

/**
 * Create the audio context during a user gesture (browsers keep it silent otherwise).
 */
export function unlockAudio() {
  try {
    audio ??= new AudioContext();
    if (audio.state === "suspended") audio.resume();
  } catch {
    audio = null;
  }
}

/**
 * @param {"ok" | "error"} kind a high short tone for success, two low ones for a problem
 */
export function beep(kind) {
  if ("vibrate" in navigator) navigator.vibrate(kind === "ok" ? 80 : [60, 60, 60]);
  if (!audio) return;
  const tones = kind === "ok" ? [[1760, 0]] : [[330, 0], [330, 0.18]];
  for (const [frequency, delay] of tones) {
    const start = audio.currentTime + delay;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.2, start);
    gain.gain.exponentialRampToValueAtTime(0.001, start + 0.12);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.13);
  }
}
