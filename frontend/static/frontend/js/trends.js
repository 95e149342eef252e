// Trends charts: draws the charts of the trends pages with Chart.js (vendor/chart.umd.min.js) from the
// data the page passes with json_script. The CSP forbids inline script, so this file does it all. The
// pages read without it: each chart has a text label and a data table, which stays open until the chart
// is drawn. Colours come from the stylesheet's custom properties, so light and dark mode both read well,
// and the charts are drawn again when the colour scheme changes.
(() => {
  "use strict";

  const charts = new Map();
  const folded = new Set();
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  const darkScheme = window.matchMedia("(prefers-color-scheme: dark)");

  // The stylesheet's palette: --chart-1 … --chart-8 for lines, plus text and grid colours.
  function palette(root) {
    const style = window.getComputedStyle(root);
    const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    const lines = [];
    for (let n = 1; n <= 8; n += 1) {
      lines.push(read(`--chart-${n}`, "#888888"));
    }
    return {
      lines,
      text: read("--text-muted", "#555d6b"),
      grid: read("--border", "#e1e4e9"),
      surface: read("--surface", "#ffffff"),
      font: read("--font", "system-ui, sans-serif"),
    };
  }

  function readData(id) {
    const element = document.getElementById(id);
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  const dayFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

  function dayLabel(iso) {
    return dayFormat.format(new Date(`${iso}T00:00:00Z`));
  }

  function baseOptions(colors) {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion.matches ? false : { duration: 300 },
      color: colors.text,
      font: { family: colors.font },
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: {
          position: "bottom",
          labels: { color: colors.text, boxWidth: 8, boxHeight: 7, usePointStyle: true },
        },
        tooltip: { backgroundColor: colors.surface, titleColor: colors.text, bodyColor: colors.text,
          borderColor: colors.grid, borderWidth: 1 },
      },
    };
  }

  // One line per theme; a null (a day not rolled up yet) is drawn as a gap, never as a zero.
  function lineConfig(data, colors, width) {
    const options = baseOptions(colors);
    options.scales = {
      x: { ticks: { color: colors.text, maxRotation: 0, autoSkipPadding: 12 }, grid: { display: false } },
      y: {
        beginAtZero: data.figure_label.indexOf("Net") !== 0,
        ticks: { color: colors.text, precision: 0 },
        grid: { color: colors.grid },
        // On a phone the axis title would eat the plot; the caption names the figure.
        title: { display: width >= 480, text: data.figure_label, color: colors.text },
      },
    };
    return {
      type: "line",
      data: {
        labels: data.days.map(dayLabel),
        datasets: data.lines.map((line, index) => ({
          label: line.label,
          data: line.values,
          borderColor: colors.lines[index % colors.lines.length],
          backgroundColor: colors.lines[index % colors.lines.length],
          borderWidth: 2,
          pointRadius: data.days.length > 45 ? 0 : 2,
          pointHoverRadius: 4,
          // Dashes tell the lines apart without colour.
          borderDash: index % 2 === 1 ? [6, 3] : [],
          pointStyle: ["circle", "rect", "triangle", "rectRot", "cross", "star", "crossRot", "line"][index % 8],
          spanGaps: false,
          tension: 0.2,
        })),
      },
      options,
    };
  }

  // The parts of two themes' indexes, side by side (0–1).
  function barsConfig(data, colors) {
    const options = baseOptions(colors);
    options.indexAxis = "y";
    options.interaction = { mode: "index", intersect: false, axis: "y" };
    options.scales = {
      x: { min: 0, max: 1, ticks: { color: colors.text }, grid: { color: colors.grid } },
      y: { ticks: { color: colors.text }, grid: { display: false } },
    };
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map((series, index) => ({
          label: series.label,
          data: series.values,
          backgroundColor: colors.lines[index % colors.lines.length],
          borderColor: colors.lines[index % colors.lines.length],
          borderWidth: 1,
          borderRadius: 3,
        })),
      },
      options,
    };
  }

  function draw(container) {
    const id = container.dataset.chart;
    const data = readData(id);
    const canvas = container.querySelector("canvas");
    if (!data || !canvas) {
      return;
    }
    const existing = charts.get(id);
    if (existing) {
      existing.destroy();
    }
    const colors = palette(container);
    const config = data.kind === "bars" ? barsConfig(data, colors) : lineConfig(data, colors, container.clientWidth);
    charts.set(id, new window.Chart(canvas, config));
    container.classList.add("chart--drawn");
    // The chart is there: fold its table away, once (the reader can open it again, and a redraw keeps it).
    const table = document.querySelector(`[data-chart-table="${id}"]`);
    if (table && !folded.has(id)) {
      table.open = false;
    }
    folded.add(id);
  }

  function drawAll() {
    document.querySelectorAll("[data-chart]").forEach(draw);
  }

  function start() {
    if (typeof window.Chart !== "function") {
      return; // the tables and text summaries stand in
    }
    document.documentElement.classList.add("has-charts");
    drawAll();
    darkScheme.addEventListener("change", drawAll);
    window.theorycraftCharts = charts; // for the browser tests and the console
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
