import { createMemo, createUniqueId, For, Show } from "solid-js";
import { currentLocale, t } from "../../i18n/i18n.ts";
import { chartSummary } from "./chart-summary.ts";
import { formatNumber, unitLabel } from "./measure-text.ts";
import { isOutOfRange } from "./result-flags.ts";
import { type MeasureHistory, plottable } from "./result-history.ts";

const width = 600;
const height = 260;
const pad = { top: 16, right: 16, bottom: 40, left: 64 };
/** Above this many results a marker per point is noise (and thousands of nodes): the line only. */
const markerLimit = 200;

/**
 * A test's history as an SVG line chart, drawn here rather than with a charting library (a
 * few dozen lines against tens of kilobytes on a slow phone). The normal range is a shaded
 * band; results outside it are drawn as triangles, not only in another colour (WCAG 1.4.1).
 * The picture is role="img" named by its text summary; the table below it has every value.
 */
export function HistoryChart(props: { history: MeasureHistory }) {
  const summaryId = createUniqueId();
  // Memos: the polyline asks for the scale once per point, thousands of times.
  const points = createMemo(() => plottable(props.history));
  const scale = createMemo(() => {
    const list = points();
    const range = props.history.range;
    const values = list.map((p) => p.amount.value);
    if (range?.low !== undefined) values.push(range.low);
    if (range?.high !== undefined) values.push(range.high);
    // A loop, not Math.min(...values): spreading thousands of arguments can overflow the stack.
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const value of values) {
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    if (low === high) [low, high] = [low - 1, high + 1];
    const margin = (high - low) * 0.1;
    low = Math.max(0, low - margin);
    high += margin;
    const first = list[0]?.time ?? 0;
    const last = list.at(-1)?.time ?? 0;
    const x = (time: number) =>
      last === first
        ? (pad.left + width - pad.right) / 2
        : pad.left + ((time - first) / (last - first)) * (width - pad.left - pad.right);
    const y = (value: number) =>
      pad.top + (1 - (value - low) / (high - low)) * (height - pad.top - pad.bottom);
    return { x, y, low, high, first, last };
  });
  const band = () => {
    const range = props.history.range;
    if (!range || (range.low === undefined && range.high === undefined)) return undefined;
    const s = scale();
    const top = s.y(range.high ?? s.high);
    const bottom = s.y(range.low ?? s.low);
    return { top, bottom };
  };
  const year = (time: number) =>
    // UTC: the axis is laid out from calendar dates taken at midnight UTC (whenStart).
    new Intl.DateTimeFormat(currentLocale(), {
      year: "numeric",
      month: "short",
      timeZone: "UTC",
    }).format(time);
  const unit = () => unitLabel(props.history.unit);
  return (
    <figure class="record-chart">
      <svg
        class="record-chart__svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={summaryId}
      >
        <title>{chartSummary(props.history)}</title>
        <Show when={band()}>
          {(b) => (
            <rect
              class="record-chart__band"
              x={pad.left}
              y={b().top}
              width={width - pad.left - pad.right}
              height={Math.max(0, b().bottom - b().top)}
            />
          )}
        </Show>
        <line
          class="record-chart__axis"
          x1={pad.left}
          x2={pad.left}
          y1={pad.top}
          y2={height - pad.bottom}
        />
        <line
          class="record-chart__axis"
          x1={pad.left}
          x2={width - pad.right}
          y1={height - pad.bottom}
          y2={height - pad.bottom}
        />
        <text
          class="record-chart__label"
          x={pad.left - 8}
          y={scale().y(scale().high) + 5}
          text-anchor="end"
        >
          {formatNumber(Number(scale().high.toPrecision(3)))}
        </text>
        <text
          class="record-chart__label"
          x={pad.left - 8}
          y={scale().y(scale().low) + 5}
          text-anchor="end"
        >
          {formatNumber(Number(scale().low.toPrecision(3)))}
        </text>
        <text class="record-chart__label" x={pad.left} y={height - 12} text-anchor="start">
          {year(scale().first)}
        </text>
        <Show when={scale().last !== scale().first}>
          <text class="record-chart__label" x={width - pad.right} y={height - 12} text-anchor="end">
            {year(scale().last)}
          </text>
        </Show>
        <polyline
          class="record-chart__line"
          points={(() => {
            const { x, y } = scale();
            return points()
              .map((p) => `${x(p.time).toFixed(1)},${y(p.amount.value).toFixed(1)}`)
              .join(" ");
          })()}
        />
        <For each={points().length <= markerLimit ? points() : []}>
          {(p) => {
            const cx = () => scale().x(p.time);
            const cy = () => scale().y(p.amount.value);
            return (
              <Show
                when={isOutOfRange(p.flag)}
                fallback={<circle class="record-chart__point" cx={cx()} cy={cy()} r="5" />}
              >
                <path
                  class="record-chart__point record-chart__point--flagged"
                  d={`M${cx()},${cy() - 7} L${cx() + 7},${cy() + 6} L${cx() - 7},${cy() + 6} Z`}
                />
              </Show>
            );
          }}
        </For>
      </svg>
      <figcaption>
        <p id={summaryId}>{chartSummary(props.history)}</p>
        <p class="record-chart__legend">
          {band() ? t("record.result.chartRange") : t("record.result.chartNoRange")}
          <Show when={unit()}>
            {(u) => (
              <>
                {" "}
                <bdi lang="en">({u()})</bdi>
              </>
            )}
          </Show>
        </p>
      </figcaption>
    </figure>
  );
}
