// Background Sync (WICG), which Chromium ships and TypeScript's libs leave out: the page
// registers a tag (this file), the service worker gets a `sync` event for it once the browser
// is online (background-sync-worker.d.ts).

declare global {
  interface SyncManager {
    register(tag: string): Promise<void>;
    getTags(): Promise<string[]>;
  }

  interface ServiceWorkerRegistration {
    /** Missing where the browser has no Background Sync (Firefox, Safari). */
    readonly sync?: SyncManager;
  }
}

export {};
