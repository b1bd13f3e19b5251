import type { Child } from "hono/jsx";
import { type AbilitySeries, abilityChart } from "../ability-chart.ts";
import type { PageContext } from "../layout.tsx";

/** Colours cycle through this many series classes (`.series-0`…, in the stylesheet). */
const SERIES_CLASSES = 6;

/**
 * The ability per topic over time as an SVG drawn on the server (no script, no inline style:
 * colours come from classes). Each point has a title; the same figures are in the table below it.
 */
export function AbilityChart(props: { ctx: PageContext; series: AbilitySeries[] }): Child {
  const { t } = props.ctx;
  const chart = abilityChart(props.series);
  if (!chart.span) return null;
  const { plot } = chart;
  const desc = t("stats.chart_desc", { first: chart.span.first, last: chart.span.last });
  return (
    <figure class="chart card" aria-labelledby="chart-title">
      <figcaption id="chart-title">
        <h2>{t("stats.chart_title")}</h2>
      </figcaption>
      <svg
        data-test="ability-chart"
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        role="img"
        aria-labelledby="chart-svg-title chart-svg-desc"
      >
        <title id="chart-svg-title">{t("stats.chart_title")}</title>
        <desc id="chart-svg-desc">{desc}</desc>
        {chart.grid.map((line) => (
          <g class={line.theta === 0 ? "grid zero" : "grid"}>
            <line x1={plot.left} x2={plot.right} y1={line.y} y2={line.y} />
            <text x={plot.left - 8} y={line.y + 4} text-anchor="end">
              {line.theta > 0 ? `+${line.theta}` : String(line.theta)}
            </text>
          </g>
        ))}
        {chart.span.first === chart.span.last ? (
          <text class="axis" x={(plot.left + plot.right) / 2} y={chart.height - 8} text-anchor="middle">
            {chart.span.first}
          </text>
        ) : (
          <>
            <text class="axis" x={plot.left} y={chart.height - 8}>
              {chart.span.first}
            </text>
            <text class="axis" x={plot.right} y={chart.height - 8} text-anchor="end">
              {chart.span.last}
            </text>
          </>
        )}
        {chart.series.map((series, i) => (
          <g class={`series series-${i % SERIES_CLASSES}`} data-category={series.category}>
            <path d={series.path} />
            {series.points.map((p) => (
              <circle cx={p.x} cy={p.y} r={4}>
                <title>{t("stats.point", { topic: series.category, day: p.day, theta: p.theta.toFixed(2) })}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <ul class="legend" aria-label={t("stats.legend")}>
        {chart.series.map((series, i) => (
          <li class={`series-${i % SERIES_CLASSES}`}>
            <span class="swatch" aria-hidden="true" />
            {series.category}
          </li>
        ))}
      </ul>
      <p class="help">{desc}</p>
    </figure>
  );
}
