/**
 * "Firefox on Android", "Safari on iPhone": a User-Agent reduced to what a person recognises
 * in a sign-in notice or a list of their sessions. Order matters: Edge and Opera say "Chrome"
 * too, and Chrome says "Safari".
 *
 * @example describeDevice("Mozilla/5.0 (Windows NT 10.0; Win64; x64) … Firefox/128.0")
 *          // { browser: "Firefox", system: "Windows" }
 */
export function describeDevice(userAgent: string | null | undefined): {
  browser: string | undefined;
  system: string | undefined;
} {
  const ua = userAgent ?? "";
  const browser = browsers.find(([pattern]) => pattern.test(ua))?.[1];
  const system = systems.find(([pattern]) => pattern.test(ua))?.[1];
  return { browser, system };
}

const browsers: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\b(?:OPR|Opera)\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(?:Firefox|FxiOS)\//, "Firefox"],
  [/\b(?:Chrome|CriOS|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*Safari\//, "Safari"],
];

const systems: [RegExp, string][] = [
  [/\biPhone\b/, "iPhone"],
  [/\biPad\b/, "iPad"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];
