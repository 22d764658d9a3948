// Fuel charts: Chart.js draws each <canvas data-chart="NAME"> inside a <section data-charts="URL">
// from the JSON at URL (its own response: the browser keeps it and revalidates it by ETag).
// No inline script: the CSP forbids it.
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

  function drawSection(section) {
    section.dataset.loading = "true";
    fetch(section.dataset.charts, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))
      .then((charts) => {
        section.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
          const spec = charts[canvas.dataset.chart];
          if (spec && spec.datasets.length && !window.Chart.getChart(canvas)) {
            draw(canvas, spec);
          }
          // Over decades, spend comes per quarter or per year: the caption says which.
          const caption = canvas.closest("figure")?.querySelector("figcaption");
          if (spec && spec.title && caption) {
            caption.textContent = spec.title;
          }
        });
        section.dataset.drawn = "true";
      })
      .catch(() => {
        section.querySelector(".chart-error").hidden = false;
      })
      .finally(() => {
        delete section.dataset.loading;
      });
  }

  function drawAll(root) {
    if (!window.Chart) {
      return;
    }
    // htmx:load also fires for the page itself: each section is fetched once.
    root.querySelectorAll("section[data-charts]:not([data-loading]):not([data-drawn])").forEach(drawSection);
  }

  document.addEventListener("DOMContentLoaded", () => drawAll(document));
  document.addEventListener("htmx:load", (event) => drawAll(event.target));
})();
