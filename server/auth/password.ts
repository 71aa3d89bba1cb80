import { hash, verify } from "@node-rs/argon2";

/**
 * argon2id with OWASP's minimum (19 MiB, t=2, p=1); ASVS 6.2 / 11.4.2.
 * @node-rs/argon2 defaults to argon2id; the parameters are spelled out so a reader can audit them.
 */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must read as "wrong password", never as a crash that an
    // attacker could tell apart from one.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash so an unknown username costs the same time as a wrong
 * password and the two cannot be told apart (ASVS 6.3.8, docs/abuse-cases.md 19).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("hearth-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
  return false;
}
