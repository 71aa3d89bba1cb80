import type { DeviceKey, OpenDeviceKeyRequest } from "../../shared/contracts/device-keys.ts";
import { isRecord } from "../../shared/is-record.ts";
import { type ApiResult, type RequestOptions, request } from "./request.ts";

/**
 * POST /api/device-keys: a new key for this device's lock (a full session only). The server
 * keeps it, bound to this account and session, until the device is cut off.
 */
export function createDeviceKey(options?: RequestOptions): Promise<ApiResult<DeviceKey>> {
  // An empty JSON body: the server refuses a state change without one (SEC-202).
  return request({ ...options, method: "POST", path: "/api/device-keys", body: {}, read });
}

/**
 * POST /api/device-keys/open: the key again. `AUTH-148` means this device was cut off and
 * must delete its copy; `AUTH-102` that there is no session (the copy stays, locked);
 * `AUTH-103` that the key is another account's (shared/contracts/device-keys.ts).
 */
export function openDeviceKey(id: string, options?: RequestOptions): Promise<ApiResult<DeviceKey>> {
  const body: OpenDeviceKeyRequest = { id };
  return request({ ...options, method: "POST", path: "/api/device-keys/open", body, read });
}

/** 32 bytes in base64url without padding: anything else cannot be the key. */
const keyShape = /^[A-Za-z0-9_-]{43}$/;

function read(json: unknown): DeviceKey | undefined {
  if (!isRecord(json) || typeof json.id !== "string" || typeof json.key !== "string") {
    return undefined;
  }
  return keyShape.test(json.key) ? { id: json.id, key: json.key } : undefined;
}
