import { describe, expect, it } from "vitest";
import { identifyBrowser, isSupported } from "./supported-browsers.ts";

const agents = {
  chrome:
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36",
  samsung:
    "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/21.0 Chrome/110.0.5481.154 Mobile Safari/537.36",
  edge: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.2739.42",
  firefox: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0",
  safari:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.3 Mobile/15E148 Safari/604.1",
  chromeOnIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
};

describe("identifyBrowser", () => {
  it("tells apart browsers that all claim to be Chrome or Safari", () => {
    expect(identifyBrowser(agents.chrome)).toEqual({ name: "Chrome", version: 129 });
    expect(identifyBrowser(agents.samsung)).toEqual({ name: "Samsung Internet", version: 21 });
    expect(identifyBrowser(agents.edge)).toEqual({ name: "Edge", version: 128 });
    expect(identifyBrowser(agents.firefox)).toEqual({ name: "Firefox", version: 115 });
    expect(identifyBrowser(agents.safari)).toEqual({ name: "Safari", version: 16.3 });
    expect(identifyBrowser(agents.chromeOnIphone)).toEqual({ name: "Chrome", version: 126 });
    expect(identifyBrowser("curl/8.0")).toBeUndefined();
  });

  it("checks the version against the supported list", () => {
    const supported = (agent: string) => {
      const browser = identifyBrowser(agent);
      return browser ? isSupported(browser) : undefined;
    };
    expect(supported(agents.chrome)).toBe(true);
    expect(supported(agents.firefox)).toBe(true);
    expect(supported(agents.samsung)).toBe(false);
    expect(supported(agents.safari)).toBe(false);
  });
});
