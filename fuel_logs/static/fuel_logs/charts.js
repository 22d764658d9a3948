// Fuel charts: Chart.js draws each <canvas data-chart="NAME"> from the page's JSON block
// (Django's json_script, id "fuel-charts"). No inline script: the CSP forbids it.
(function () {
  "use strict";

  const palette = ["#1f6feb", "#d93526", "#2a8a3e", "#c77c02", "#8250df", "#0a7ea4"];

  function draw(canvas, spec) {
    const stacked = Boolean(spec.stacked);
    return new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map((dataset, index) => ({
          ...dataset,
          borderColor: palette[index % palette.length],
          backgroundColor: palette[index % palette.length],
          spanGaps: true,
        })),
      },
      options: {
        responsive: true,
        animation: false,
        plugins: { legend: { display: spec.datasets.length > 1 || stacked } },
        scales: { x: { stacked }, y: { stacked, beginAtZero: spec.type === "bar" } },
      },
    });
  }

  function drawAll(root) {
    const source = document.getElementById("fuel-charts");
    if (!source || !window.Chart) {
      return;
    }
    const charts = JSON.parse(source.textContent);
    root.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      const spec = charts[canvas.dataset.chart];
      if (spec && spec.datasets.length && !window.Chart.getChart(canvas)) {
        draw(canvas, spec);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => drawAll(document));
  document.addEventListener("htmx:load", (event) => drawAll(event.target));
})();
