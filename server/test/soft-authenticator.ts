import { createHash, generateKeyPairSync, type KeyObject, sign } from "node:crypto";

/**
 * A software WebAuthn authenticator for server tests: a real P-256 key, real CBOR, real
 * signatures, so @simplewebauthn/server checks them exactly as it checks a phone's. "none"
 * attestation, user present and verified, a signature counter the test controls.
 */
export function makeSoftAuthenticator(rpID: string, origin: string) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const credentialId = new Uint8Array(16);
  crypto.getRandomValues(credentialId);
  const rpIdHash = sha256(new TextEncoder().encode(rpID));
  let counter = 0;

  const coseKey = cbor(
    new Map<number, unknown>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, fromBase64Url(jwk.x ?? "")],
      [-3, fromBase64Url(jwk.y ?? "")],
    ]),
  );

  function clientData(type: string, challenge: string, from = origin) {
    return new TextEncoder().encode(
      JSON.stringify({ type, challenge, origin: from, crossOrigin: false }),
    );
  }

  return {
    id: base64Url(credentialId),
    /** The next assertion's counter; set it lower to play a cloned authenticator. */
    setCounter(value: number) {
      counter = value;
    },
    register(challenge: string) {
      const authData = concat(
        rpIdHash,
        new Uint8Array([0x45]), // UP | UV | AT
        uint32(counter),
        new Uint8Array(16), // AAGUID
        new Uint8Array([0, credentialId.length]),
        credentialId,
        coseKey,
      );
      const attestationObject = cbor(
        new Map<string, unknown>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", authData],
        ]),
      );
      return {
        id: base64Url(credentialId),
        rawId: base64Url(credentialId),
        type: "public-key",
        response: {
          clientDataJSON: base64Url(clientData("webauthn.create", challenge)),
          attestationObject: base64Url(attestationObject),
          transports: ["internal"],
        },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
    assert(challenge: string, userId: string, options: { origin?: string } = {}) {
      counter += 1;
      const authData = concat(rpIdHash, new Uint8Array([0x05]), uint32(counter));
      const client = clientData("webauthn.get", challenge, options.origin);
      const signature = signWith(privateKey, concat(authData, sha256(client)));
      return {
        id: base64Url(credentialId),
        rawId: base64Url(credentialId),
        type: "public-key",
        response: {
          clientDataJSON: base64Url(client),
          authenticatorData: base64Url(authData),
          signature: base64Url(signature),
          userHandle: base64Url(new TextEncoder().encode(userId)),
        },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
  };
}

function signWith(key: KeyObject, data: Uint8Array): Uint8Array {
  return new Uint8Array(sign("sha256", data, { key, dsaEncoding: "der" }));
}

function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(data).digest());
}

function uint32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

function fromBase64Url(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "base64url"));
}

/** The CBOR subset WebAuthn needs (RFC 8949): integers, byte and text strings, maps. */
function cbor(value: unknown): Uint8Array {
  const head = (major: number, length: number): Uint8Array => {
    if (length < 24) return new Uint8Array([(major << 5) | length]);
    if (length < 256) return new Uint8Array([(major << 5) | 24, length]);
    return new Uint8Array([(major << 5) | 25, length >> 8, length & 0xff]);
  };
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") {
    const bytes = new TextEncoder().encode(value);
    return concat(head(3, bytes.length), bytes);
  }
  if (value instanceof Uint8Array) return concat(head(2, value.length), value);
  if (value instanceof Map) {
    const parts = [...value.entries()].flatMap(([k, v]) => [cbor(k), cbor(v)]);
    return concat(head(5, value.size), ...parts);
  }
  throw new Error(`cbor: cannot encode ${typeof value}`);
}
