import { render, screen } from "@solidjs/testing-library";
import { beforeAll, describe, expect, it } from "vitest";
import { changeLocale, loadNamespaces } from "../../i18n/i18n.ts";
import { labResult } from "../../test/record-rows.ts";
import { chartSummary } from "./chart-summary.ts";
import { HistoryChart } from "./history-chart.tsx";
import { historiesOf } from "./result-history.ts";

beforeAll(() => loadNamespaces(["record"]));

const glucose = () =>
  historiesOf([
    labResult("2345-7", "Glucose", 92, "2019-02-01T12:00:00Z"),
    labResult("2345-7", "Glucose", 101, "2021-06-01T12:00:00Z"),
    labResult("2345-7", "Glucose", 112, "2024-05-03T12:00:00Z"),
  ])[0];

describe("chartSummary", () => {
  it("says how many, since when, the latest and how it stands against the range", () => {
    const history = glucose();
    if (!history) throw new Error("no history");
    expect(chartSummary(history, "en")).toBe(
      "Glucose: 3 results since 2019; latest 112 mg/dL on May 3, 2024, above the range 70–99 mg/dL",
    );
  });

  it("says one result differently, and within the range when it is", () => {
    const [one] = historiesOf([labResult("2345-7", "Glucose", 85, "2024-05-03T12:00:00Z")]);
    if (!one) throw new Error("no history");
    expect(chartSummary(one, "en")).toBe(
      "Glucose: one result, 85 mg/dL on May 3, 2024, within the range 70–99 mg/dL",
    );
  });

  it("counts results by the language's plural rules: Arabic's dual, few and many", async () => {
    await changeLocale("ar");
    const results = (n: number) =>
      historiesOf(
        Array.from({ length: n }, (_, i) =>
          labResult("2345-7", "Glucose", 90, `20${10 + i}-01-01T12:00:00Z`),
        ),
      )[0];
    const said = (n: number) => {
      const history = results(n);
      if (!history) throw new Error("no history");
      return chartSummary(history, "ar");
    };
    expect(said(2)).toContain("نتيجتان");
    const number = new Intl.NumberFormat("ar");
    expect(said(3)).toContain(`${number.format(3)} نتائج`);
    expect(said(11)).toContain(`${number.format(11)} نتيجة`);
    await changeLocale("en");
  });

  it("writes numbers and dates the reader's way", async () => {
    await changeLocale("es");
    const [one] = historiesOf([
      labResult("2345-7", "Glucose", 1234.5, "2024-05-03T12:00:00Z", { high: 1000 }),
    ]);
    if (!one) throw new Error("no history");
    const text = chartSummary(one, "es");
    expect(text).toContain("1234,5 mg/dL");
    expect(text).toContain("3 de mayo de 2024");
  });
});

describe("HistoryChart", () => {
  it("is an image named by its summary, with flagged points drawn as triangles", async () => {
    await changeLocale("en");
    const history = glucose();
    if (!history) throw new Error("no history");
    const { container } = render(() => <HistoryChart history={history} />);
    const chart = screen.getByRole("img");
    expect(chart.getAttribute("aria-labelledby")).toBeTruthy();
    expect(document.getElementById(chart.getAttribute("aria-labelledby") ?? "")?.textContent).toBe(
      chartSummary(history, "en"),
    );
    // 112 and 101 are above 99: two triangles, one circle, and the range band.
    expect(container.querySelectorAll("path.record-chart__point--flagged")).toHaveLength(2);
    expect(container.querySelectorAll("circle.record-chart__point")).toHaveLength(1);
    expect(container.querySelector(".record-chart__band")).not.toBeNull();
  });
});
