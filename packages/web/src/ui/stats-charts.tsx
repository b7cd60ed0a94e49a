import type { TaskStats } from '@tasks/client';
import { type AxisLabel, EDGE } from '../stats/axis-labels.js';
import { dailyChart, formatDuration, statusBars } from '../stats/chart-geometry.js';
import { dailyChartName, noneCompleted } from '../stats/chart-words.js';
import { STATUS_LABELS } from './status-labels.js';

const STATUS_WIDTH = 600;
const LABEL_WIDTH = 90;
const ROW = 26;

/** Counts by status: one bar each, with its count; the image's name says them all. */
export const StatusChart = ({ stats }: { readonly stats: TaskStats }) => {
  const bars = statusBars(stats.byStatus, STATUS_WIDTH - LABEL_WIDTH - 40);
  const words = bars.map((bar) => `${bar.count} ${STATUS_LABELS[bar.status].toLowerCase()}`);
  return (
    <svg
      viewBox={`0 0 ${STATUS_WIDTH} ${bars.length * ROW}`}
      role="img"
      aria-label={`Tasks by status: ${words.join(', ')}; ${stats.total} in all.`}
    >
      {bars.map((bar, index) => (
        <g key={bar.status}>
          <text x={EDGE} y={index * ROW + 17}>
            {STATUS_LABELS[bar.status]}
          </text>
          <rect
            class={`bar-${bar.status}`}
            x={LABEL_WIDTH}
            y={index * ROW + 4}
            width={bar.length}
            height={ROW - 8}
            rx={2}
          />
          <text x={LABEL_WIDTH + bar.length + 6} y={index * ROW + 17}>
            {bar.count}
          </text>
        </g>
      ))}
    </svg>
  );
};

/** Created and completed per day: columns on one scale, and the numbers as a table. */
export const DailyChart = ({ stats }: { readonly stats: TaskStats }) => {
  const chart = dailyChart(stats.daily);
  const { box } = chart;
  return (
    <>
      {/* Not a list: the page's list items are its tasks. */}
      <p class="legend">
        <span>
          <span class="swatch swatch-created" />
          Created
        </span>
        <span>
          <span class="swatch swatch-completed" />
          Completed
        </span>
      </p>
      <svg
        viewBox={`0 0 ${box.width} ${box.height}`}
        role="img"
        aria-label={dailyChartName(stats.daily)}
      >
        {chart.ticks.map((tick) => (
          <g key={tick.value}>
            <line class="axis" x1={box.left} x2={box.width - box.right} y1={tick.y} y2={tick.y} />
            <AxisText label={tick.label} />
          </g>
        ))}
        {chart.days.map((day) => (
          <g key={day.date}>
            <rect class="bar-created" {...rectOf(day.created)} />
            <rect class="bar-completed" {...rectOf(day.completed)} />
            {day.label !== undefined && <AxisText label={day.label} />}
          </g>
        ))}
      </svg>
      <details>
        <summary>Numbers per day</summary>
        <table>
          <caption class="visually-hidden">Tasks created and completed per day (UTC)</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Created</th>
              <th scope="col">Completed</th>
            </tr>
          </thead>
          <tbody>
            {stats.daily.map((day) => (
              <tr key={day.date}>
                <th scope="row">{day.date}</th>
                <td>{day.created}</td>
                <td>{day.completed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
};

const AxisText = ({ label }: { readonly label: AxisLabel }) => (
  <text x={label.x} y={label.y} text-anchor={label.anchor}>
    {label.text}
  </text>
);

const rectOf = ({
  x,
  y,
  width,
  height,
}: {
  x: number;
  y: number;
  width: number;
  height: number;
}) => ({
  x,
  y,
  width,
  height,
});

/** The lead time, created to first Done, over the tasks completed in the window. */
export const LeadTime = ({ stats }: { readonly stats: TaskStats }) => {
  const { count, p50Ms, p90Ms } = stats.leadTime;
  if (count === 0 || p50Ms === null || p90Ms === null) {
    return <p>{noneCompleted(stats.daily.length)}</p>;
  }
  return (
    <dl class="lead-time">
      <div>
        <dt>Median</dt>
        <dd>{formatDuration(p50Ms)}</dd>
      </div>
      <div>
        <dt>90th percentile</dt>
        <dd>{formatDuration(p90Ms)}</dd>
      </div>
      <div>
        <dt>Tasks completed</dt>
        <dd>{count}</dd>
      </div>
    </dl>
  );
};
