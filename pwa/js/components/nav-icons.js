/**
 * Line icons for the navigation, drawn as 24×24 SVG paths. They are decoration: every link
 * has its text beside the icon, so the icons are hidden from screen readers.
 */

const SVG = "http://www.w3.org/2000/svg";

/** @type {Record<string, string>} */
const PATHS = {
  home: "M3 11l9-8 9 8M5 10v10h5v-6h4v6h5V10",
  search: "M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM15.5 15.5L21 21",
  plus: "M12 4v16M4 12h16",
  calendar: "M4 6h16v14H4zM4 10h16M8 3v5M16 3v5",
  bell: "M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0",
  chat: "M4 5h16v11H9l-5 4zM8 9h8M8 12h5",
  scan: "M4 8V4h4M16 4h4v4M20 16v4h-4M8 20H4v-4M7 12h10",
  truck: "M2 6h12v10H2zM14 10h4l3 3v3h-7M6 19a2 2 0 1 0 0-.01M17 19a2 2 0 1 0 0-.01",
  list: "M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01",
  check: "M4 12l5 5L20 6",
  gear: "M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2",
  chart: "M4 20V10M10 20V4M16 20v-7M22 20H2",
  box: "M3 7l9-4 9 4v10l-9 4-9-4zM3 7l9 4 9-4M12 11v10",
  flag: "M5 21V4h11l-2 4 2 4H5",
  cart: "M3 4h2l3 11h11l2-8H7M9 20a1 1 0 1 0 0-.01M18 20a1 1 0 1 0 0-.01",
  tag: "M3 12V3h9l9 9-9 9zM8 8h.01",
  wrench: "M14 6a4 4 0 0 0 5 5l-8 8a2 2 0 0 1-3-3l8-8a4 4 0 0 1-2-2zM17 3l-2 3 3 3 3-2",
  clipboard: "M8 4h8v3H8zM6 5H5v16h14V5h-1M8 12l2 2 4-4M8 17h8",
  link: "M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1",
  doc: "M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h7",
  people: "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21v-1a6 6 0 0 1 12 0v1M16 3a4 4 0 0 1 0 8M18 14a6 6 0 0 1 4 6v1",
  building: "M4 21V3h10v18M14 9h6v12M2 21h20M8 7h2M8 11h2M8 15h2",
  network: "M12 5a2 2 0 1 0 0-.01M5 19a2 2 0 1 0 0-.01M19 19a2 2 0 1 0 0-.01M12 7l-6 10M12 7l6 10M7 19h10",
};

/**
 * @param {string} name
 * @returns {SVGSVGElement}
 */
export function navIcon(name) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "24");
  svg.setAttribute("height", "24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", "nav-icon");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", PATHS[name] ?? PATHS.list);
  svg.append(path);
  return svg;
}
