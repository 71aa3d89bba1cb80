/** Kept across a reset: the person chose it, and it holds nothing about them (locale-choice.ts). */
const keptStorageKeys = ["hearth.locale"];

/**
 * "Reset this app on this device": unregisters the service worker, deletes every cache and
 * every IndexedDB database of this origin and the device's local storage (but the language),
 * then reloads, so the next load fetches the app fresh from the server. The account and the
 * server's data are not touched.
 */
export async function resetThisDevice(): Promise<void> {
  const registrations =
    "serviceWorker" in navigator ? await navigator.serviceWorker.getRegistrations() : [];
  await Promise.all(registrations.map((registration) => registration.unregister()));
  if (typeof caches !== "undefined") {
    const names = await caches.keys();
    await Promise.all(names.map((name) => caches.delete(name)));
  }
  if (typeof indexedDB !== "undefined" && indexedDB.databases) {
    const databases = await indexedDB.databases();
    await Promise.all(databases.map((info) => (info.name ? deleteDatabase(info.name) : null)));
  }
  clearLocalStorage();
  window.location.reload();
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const deletion = indexedDB.deleteDatabase(name);
    // Resolve on "blocked" too: another tab holds it open; the deletion finishes once that
    // tab closes it, and the reload must not wait for that.
    deletion.onsuccess = deletion.onerror = deletion.onblocked = () => resolve();
  });
}

function clearLocalStorage(): void {
  try {
    const kept = keptStorageKeys.map((key) => [key, localStorage.getItem(key)] as const);
    localStorage.clear();
    for (const [key, value] of kept) if (value !== null) localStorage.setItem(key, value);
  } catch {
    // Storage switched off: nothing is stored there to clear.
  }
}
