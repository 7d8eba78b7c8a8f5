// The usage chart, drawn by Chart.js (loaded on first use, from the import map's "chart.js"):
// the daily cost of each product, stacked bars or lines, with a legend, titled axes and the
// currency on the cost axis. What was drawn is also written on the figure as data attributes
// (`data-series`, `data-chart-type`, `data-stacked`), so it can be read without pixels.
import { formatMoney } from "../../../format.js";

// Okabe and Ito's palette: told apart by people with any common colour-vision deficiency.
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#7F7F7F"];

let chartJs = null;

/** Chart.js with only the pieces this chart uses registered; one import per page. */
function loadChartJs() {
  chartJs ??= import("chart.js").then((module) => {
    const { Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip } = module;
    Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);
    Object.assign(Chart.defaults.font, { family: getComputedStyle(document.body).fontFamily, size: 13 });
    return Chart;
  }).catch((error) => {
    chartJs = null; // a later visit may succeed (the server came back)
    throw error;
  });
  return chartJs;
}

/** The cost axis' title: "Cost (USD)", or a note that currencies are mixed. */
export function costAxisTitle(currencies) {
  if (currencies.length === 1) return `Cost (${currencies[0]})`;
  return currencies.length ? `Cost (${currencies.join(", ")}: not added together)` : "Cost";
}

/**
 * Draws `summary` (see data.js) into `canvas` as "bars" (stacked) or "lines"; resolves to
 * the Chart.js instance. `figure` receives the data attributes.
 */
export async function drawUsageChart({ figure, canvas, summary, style }) {
  const Chart = await loadChartJs();
  const styles = getComputedStyle(figure);
  const text = styles.color;
  const grid = styles.getPropertyValue("--border").trim() || "rgba(128,128,128,0.3)";
  const stacked = style === "bars";
  const currency = summary.currencies.length === 1 ? summary.currencies[0] : undefined;
  const chart = new Chart(canvas, {
    type: stacked ? "bar" : "line",
    data: {
      labels: summary.days,
      datasets: summary.series.map((series, index) => ({
        label: series.label,
        data: series.values,
        backgroundColor: PALETTE[index % PALETTE.length],
        borderColor: PALETTE[index % PALETTE.length],
        borderWidth: stacked ? 0 : 2,
        pointRadius: stacked ? 0 : 2,
        tension: 0,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      color: text,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { stacked, title: { display: true, text: "Day (UTC)", color: text }, ticks: { color: text }, grid: { color: grid } },
        y: {
          stacked, beginAtZero: true,
          title: { display: true, text: costAxisTitle(summary.currencies), color: text },
          ticks: { color: text, callback: (value) => formatMoney(value, currency) },
          grid: { color: grid },
        },
      },
      plugins: {
        legend: { position: "bottom", labels: { color: text } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatMoney(item.parsed.y, summary.series[item.datasetIndex]?.currency || currency)}` } },
      },
    },
  });
  Object.assign(figure.dataset, {
    chartType: chart.config.type,
    stacked: String(stacked),
    yAxis: chart.options.scales.y.title.text,
    series: JSON.stringify({ labels: chart.data.labels, datasets: chart.data.datasets.map(({ label, data }) => ({ label, data })) }),
  });
  return chart;
}
