import { describe, expect, it } from "vitest";
import { addressBucket } from "./client-address.ts";

describe("addressBucket", () => {
  it("keeps an IPv4 address, and unwraps an IPv4-mapped IPv6 one", () => {
    expect(addressBucket("192.0.2.7")).toBe("192.0.2.7");
    expect(addressBucket("::ffff:192.0.2.7")).toBe("192.0.2.7");
  });

  it("counts an IPv6 address by its /64, however it is written", () => {
    expect(addressBucket("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
  });

  it("puts requests with no address in one bucket", () => {
    expect(addressBucket(null)).toBe("none");
  });
});
