/**
 * The server's half of a device's lock (docs/decisions/0029-device-copy-lock.md).
 *
 * A device encrypts its copy of the record with a data key of its own. It wraps that key with
 * a key the server keeps for this device (a device key), so that, online and signed in, the
 * copy opens with no prompt, and a device the account owner has cut off (sign out everywhere,
 * a password change, support, the device removed from the list) is refused that key and
 * wipes its copy at its first contact.
 *
 * - `POST /api/device-keys` (a full session): a new device key for this device, bound to the
 *   account and to the session that asked. Answers 201 `DeviceKey`.
 * - `POST /api/device-keys/open` with `OpenDeviceKeyRequest`, with or without a session:
 *   - 410 `AUTH-148` when the key is unknown, revoked, or not opened for longer than the
 *     server's limit (default 30 days): the device deletes its copy, outbox included;
 *   - 401 `AUTH-102` when there is no live full session: the copy stays, locked;
 *   - 403 `AUTH-103` when the key belongs to another account than the session's;
 *   - 200 `DeviceKey` otherwise (the key is now bound to this session; last seen now).
 */

/**
 * A device key: its id (a uuid the server chose) and the key, 32 random bytes, base64url
 * without padding (43 characters).
 */
export interface DeviceKey {
  id: string;
  key: string;
}

export interface OpenDeviceKeyRequest {
  id: string;
}

/** Why a device key was revoked (kept on the server for the audit trail). */
export type DeviceKeyRevocation =
  | "signed-out-everywhere"
  | "session-ended-from-list"
  | "password-changed"
  | "support"
  | "not-seen";
