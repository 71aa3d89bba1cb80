import { setDataKey } from "../local/lock/data-key.ts";
import { jsonAnswer } from "./network.ts";

/**
 * Opens `userId`'s device copy with a new random data key, as a signed-in page has it, for
 * tests that fill a device database directly. The lock itself is tested in client/local/lock.
 */
export function openTestCopy(userId: string): void {
  setDataKey(userId, crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * The device-key routes for `stubNetwork`, as the server answers a device it has not cut off
 * (shared/contracts/device-keys.ts): one key, made on the first call.
 */
export function deviceKeyAnswers() {
  const key = {
    id: crypto.randomUUID(),
    key: base64Url(crypto.getRandomValues(new Uint8Array(32))),
  };
  return {
    "POST /api/device-keys": () => jsonAnswer(201, key),
    "POST /api/device-keys/open": () => jsonAnswer(200, key),
  };
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}
