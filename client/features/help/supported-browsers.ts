/**
 * The browsers Hearth supports: roughly the last two years of each (docs: the features the app
 * needs — ES2022, Web Locks, IndexedDB v3, service workers, `:focus-visible` — are all there).
 * Safari's floor is 16.4, the first with Web Locks and ES2022 class fields everywhere.
 */
export const supportedBrowsers = {
  Chrome: 109,
  Edge: 109,
  Firefox: 115,
  "Samsung Internet": 23,
  Safari: 16.4,
} as const;
export type BrowserName = keyof typeof supportedBrowsers;

export interface BrowserInfo {
  name: BrowserName;
  /** Major version; Safari keeps its minor (16.4). */
  version: number;
}

/**
 * Reads the browser from a user agent string. Order matters: Samsung Internet and Edge also
 * say "Chrome", Chrome also says "Safari".
 *
 * @example identifyBrowser("… Chrome/129.0.0.0 Mobile Safari/537.36") // { name: "Chrome", version: 129 }
 */
export function identifyBrowser(userAgent: string): BrowserInfo | undefined {
  const rules: [BrowserName, RegExp][] = [
    ["Samsung Internet", /SamsungBrowser\/(\d+)/],
    ["Edge", /Edg(?:e|A|iOS)?\/(\d+)/],
    ["Firefox", /(?:Firefox|FxiOS)\/(\d+)/],
    ["Chrome", /(?:Chrome|CriOS)\/(\d+)/],
    ["Safari", /Version\/(\d+(?:\.\d+)?).*Safari\//],
  ];
  for (const [name, pattern] of rules) {
    const match = pattern.exec(userAgent);
    if (match?.[1]) return { name, version: Number.parseFloat(match[1]) };
  }
  return undefined;
}

export function isSupported(browser: BrowserInfo): boolean {
  return browser.version >= supportedBrowsers[browser.name];
}
