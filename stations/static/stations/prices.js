// A station's price history: Chart.js draws the JSON the page carries in
// <script id="price-history" type="application/json"> (data, not code: the CSP allows no inline script).
(function () {
  "use strict";

  const palette = ["#1f6feb", "#d93526", "#2a8a3e", "#c77c02", "#8250df", "#0a7ea4"];

  document.addEventListener("DOMContentLoaded", () => {
    const data = document.getElementById("price-history");
    const canvas = document.getElementById("price-chart");
    if (!data || !canvas || !window.Chart) {
      return;
    }
    const history = JSON.parse(data.textContent);
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: history.labels,
        datasets: history.datasets.map((dataset, index) => ({
          ...dataset,
          data: dataset.data.map((value) => (value === null ? null : Number(value))),
          borderColor: palette[index % palette.length],
          backgroundColor: palette[index % palette.length],
          spanGaps: true,
        })),
      },
      options: { responsive: true, animation: false, plugins: { legend: { display: true } } },
    });
    canvas.closest("section").dataset.drawn = "true";
  });
})();
