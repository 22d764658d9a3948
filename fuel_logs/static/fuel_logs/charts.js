// Fuel charts: inside each <section data-charts="URL">, Chart.js draws every chart of the JSON at
// URL (its own response: the browser keeps it and revalidates it by ETag), each in a figure of its
// own: one unit per chart, so no axis mixes two. No inline script: the CSP forbids it.
(function () {
  "use strict";

  const palette = ["#1f6feb", "#d93526", "#2a8a3e", "#c77c02", "#8250df", "#0a7ea4"];

  function axis(title, stacked, extra) {
    return { stacked, title: { display: true, text: title }, ...extra };
  }

  function draw(canvas, spec) {
    const stacked = Boolean(spec.stacked);
    return new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        // A vehicle and energy has the same colour in every chart of the page.
        datasets: spec.datasets.map(({ colour, ...dataset }) => ({
          ...dataset,
          borderColor: palette[colour % palette.length],
          backgroundColor: palette[colour % palette.length],
          spanGaps: true,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
        scales: {
          // A phone's width holds a few dates: Chart.js skips the rest rather than tilting them.
          x: axis(spec.x, stacked, { ticks: { maxRotation: 0, autoSkipPadding: 8 } }),
          y: axis(spec.y, stacked, { beginAtZero: spec.type === "bar" }),
        },
      },
    });
  }

  function figure(name, spec) {
    const item = document.createElement("figure");
    const caption = document.createElement("figcaption");
    const box = document.createElement("div");
    const canvas = document.createElement("canvas");
    caption.textContent = spec.title;
    box.className = "chart";
    canvas.id = `${name}-chart`;
    canvas.dataset.chart = name;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", spec.title);
    box.append(canvas);
    item.append(caption, box);
    return item;
  }

  function drawSection(section) {
    section.dataset.loading = "true";
    const list = section.querySelector(".chart-list");
    fetch(section.dataset.charts, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))
      .then((charts) => {
        Object.entries(charts).forEach(([name, spec]) => {
          if (spec.datasets.length) {
            const item = figure(name, spec);
            list.append(item);
            draw(item.querySelector("canvas"), spec);
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
