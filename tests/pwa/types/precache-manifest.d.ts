// /precache-manifest.js, which the server generates from the content of pwa/ (backend/web/shell.py).

/** A hash of every file in pwa/: it names this version's caches. */
export const VERSION: string;
/** The URLs the service worker precaches. */
export const FILES: string[];
