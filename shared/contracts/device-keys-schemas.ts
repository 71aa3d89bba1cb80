import * as v from "valibot";

/**
 * Checks of the device-key requests (shared/contracts/device-keys.ts has the shapes). Apart from
 * that file, so a page that only needs the types does not load valibot.
 */
export const openDeviceKeyRequest = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
});
