/**
 * Links a driver taps on a job card: call the recipient, find the way to an address.
 * Pure functions of their text, so they are tested in Node (tests/pwa/js/contact-links.test.mjs).
 */

/**
 * A `tel:` link for a phone number as a person typed it ("0411-55 50 00", "+46 411 55 50 00"),
 * or null when the text holds too few digits to be a number worth calling.
 * @param {string | null | undefined} phone
 * @returns {string | null}
 */
export function telHref(phone) {
  // "+46 (0)411 …": the (0) is dialled only inside Sweden, never after the country code.
  const text = (phone ?? "").replace(/\(0\)/g, "").trim();
  const digits = text.replace(/\D/g, "");
  if (digits.length < 3 || digits.length > 15) return null;
  return `tel:${text.startsWith("+") ? "+" : ""}${digits}`;
}

/**
 * A navigation link for a street address, or null when there is none.
 *
 * Google Maps' cross-platform search URL rather than `geo:`: a `geo:` link opens the map app only
 * on Android (iOS Safari and desktop browsers do nothing with it), while this https URL opens the
 * Google Maps app where it is installed and the map in the browser everywhere else. The address
 * leaves Delbar only when the driver taps the link.
 * @param {string | null | undefined} address
 * @returns {string | null}
 */
export function mapsHref(address) {
  const text = (address ?? "").trim();
  if (!text) return null;
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(text)}`;
}
