// The dashboard: polls the REST API once a second and redraws. No libraries, nothing from the internet.
"use strict";

const POLL_MS = 1000;
const ALERTS_SHOWN = 12;
const COLORS = { normal: "#3b82c4", anomalous: "#d64545", threshold: "#1d2330", axis: "#6b7385" };

const $ = (id) => document.getElementById(id);

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.message || `${path} answered ${response.status}`);
  }
  return body;
}

function number(value, digits = 0) {
  return value === undefined || value === null ? "–" : Number(value).toFixed(digits);
}

function showFeed(live, message) {
  const pill = $("feed-status");
  pill.textContent = live ? "live" : "no feed";
  pill.className = "pill " + (live ? "live" : "down");
  const banner = $("feed-message");
  banner.hidden = !message;
  banner.textContent = message || "";
}

function renderStats(stats) {
  $("throughput").textContent = number(stats.throughput.scoresPerSecond, 1);
  const latency = stats.latencyMillis || {};
  $("latency-p50").textContent = number(latency.p50);
  $("latency-p95").textContent = number(latency.p95);
  $("latency-p99").textContent = number(latency.p99);
  $("count-normal").textContent = stats.counts.normal.toLocaleString();
  $("count-anomalous").textContent = stats.counts.anomalous.toLocaleString();
  $("histogram-scores").textContent = stats.histogram ? stats.histogram.scores : 0;
  drawHistogram($("histogram"), stats.histogram);
  showFeed(stats.connected, stats.connected ? "" : "The feed is not connected to Kafka yet; retrying.");
}

// Bars over [0, 2 × threshold), an overflow bar for higher scores, and the threshold as a dashed line.
function drawHistogram(canvas, histogram) {
  const scale = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext("2d");
  ctx.scale(scale, scale);
  ctx.clearRect(0, 0, width, height);
  if (!histogram) {
    return;
  }
  const pad = { left: 36, right: 8, top: 14, bottom: 22 };
  const bars = histogram.bins.concat([histogram.overflow]);
  const max = Math.max(1, ...bars);
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const step = plotWidth / (bars.length + 1); // one slot of gap before the overflow bar
  const y = (count) => pad.top + plotHeight * (1 - count / max);

  ctx.strokeStyle = COLORS.axis;
  ctx.fillStyle = COLORS.axis;
  ctx.font = "11px system-ui, sans-serif";
  ctx.beginPath();
  ctx.moveTo(pad.left, pad.top);
  ctx.lineTo(pad.left, pad.top + plotHeight);
  ctx.lineTo(width - pad.right, pad.top + plotHeight);
  ctx.stroke();
  ctx.textAlign = "right";
  ctx.fillText(String(max), pad.left - 4, pad.top + 8);
  ctx.fillText("0", pad.left - 4, pad.top + plotHeight);

  histogram.bins.forEach((count, i) => {
    const from = histogram.from + i * histogram.binWidth;
    ctx.fillStyle = from >= histogram.threshold ? COLORS.anomalous : COLORS.normal;
    ctx.fillRect(pad.left + i * step + 1, y(count), step - 2, pad.top + plotHeight - y(count));
  });
  const overflowX = pad.left + (bars.length) * step;
  ctx.fillStyle = COLORS.anomalous;
  ctx.fillRect(overflowX + 1, y(histogram.overflow), step - 2, pad.top + plotHeight - y(histogram.overflow));

  ctx.fillStyle = COLORS.axis;
  ctx.textAlign = "center";
  const upper = histogram.from + histogram.bins.length * histogram.binWidth;
  ctx.fillText(number(histogram.from), pad.left, height - 6);
  ctx.fillText(number(upper / 2), pad.left + (histogram.bins.length / 2) * step, height - 6);
  ctx.fillText("≥" + number(upper), overflowX + step / 2, height - 6);

  const thresholdX = pad.left + ((histogram.threshold - histogram.from) / histogram.binWidth) * step;
  ctx.strokeStyle = COLORS.threshold;
  ctx.setLineDash([5, 3]);
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(thresholdX, pad.top - 4);
  ctx.lineTo(thresholdX, pad.top + plotHeight);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = COLORS.threshold;
  ctx.fillText("threshold " + number(histogram.threshold, 1), thresholdX, pad.top - 4 < 10 ? 10 : pad.top - 4);
}

let shownAlerts = "";

function renderAlerts(alerts) {
  const key = alerts.map((a) => a.patchId).join("\n");
  if (key === shownAlerts) {
    return;
  }
  shownAlerts = key;
  const gallery = $("alerts");
  gallery.replaceChildren(...alerts.map(alertCard));
  if (alerts.length === 0) {
    gallery.innerHTML = '<p class="muted empty">No alerts yet.</p>';
  }
}

function alertCard(alert) {
  const card = document.createElement("article");
  card.className = "alert";
  const images = document.createElement("div");
  images.className = "images";
  for (const [name, caption] of [["patch", "patch"], ["reconstruction", "G(z)"], ["map", "map"]]) {
    const figure = document.createElement("figure");
    const img = document.createElement("img");
    img.src = alert.images[name];
    img.alt = `${caption} of ${alert.patchId}`;
    const label = document.createElement("figcaption");
    label.textContent = caption;
    figure.append(img, label);
    images.append(figure);
  }
  const meta = document.createElement("div");
  meta.className = "meta";
  const id = document.createElement("span");
  id.className = "patch-name";
  // A scanner's own label (the demo's class name) says more than the patch id, which stays in the tooltip.
  id.textContent = (alert.metadata && alert.metadata.labelName) || alert.patchId;
  id.title = `${alert.patchId} · ${alert.sourceId} · ${alert.imageId} @ (${alert.x}, ${alert.y})`;
  const score = document.createElement("span");
  score.className = "score";
  score.textContent = `${number(alert.score, 1)} · p${number(alert.percentile, 1)}`;
  meta.append(id, score);
  card.append(images, meta);
  return card;
}

function renderModel(model) {
  $("model-name").textContent = `${model.name} ${model.version}`;
  const evaluation = model.method.evaluation || {};
  const baselines = (model.evaluation && model.evaluation.baselines) || {};
  const calibration = model.method.calibration;
  const interval = calibration.falsePositiveRateInterval || {};
  const rows = [
    ["method", "Method", `${model.method.name} (${model.method.steps} steps)`],
    ["version", "Version", model.version],
    ["threshold", "Threshold",
      `${number(calibration.threshold, 2)} (FPR ${number(calibration.falsePositiveRate * 100, 1)} %)`],
    ["fpr-interval", "FPR on new normals",
      interval.low === undefined ? "–"
        : `${number(interval.low * 100, 2)}–${number(interval.high * 100, 2)} % (95 %; ${interval.beyond_threshold} of ${calibration.patches} calibration patches beyond)`],
    ["auroc", "AUROC", number(evaluation.auroc, 4)],
    ["auprc", "AUPRC", number(evaluation.auprc, 4)],
    ["knn", "kNN-5 raw pixels (baseline)", baselineAuroc(baselines["knn-5"])],
    ["pca", "PCA 90 % (baseline)", baselineAuroc(baselines.pca)],
    ["dataset", "Evaluated on", describeEvaluation(model.evaluation)],
    ["input", "Input", `${model.input.width}×${model.input.height}×${model.input.channels}`],
  ];
  const card = $("model-card");
  card.replaceChildren();
  for (const [id, term, value] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.id = `model-${id}`;
    dd.textContent = value;
    card.append(dt, dd);
  }
}

function baselineAuroc(baseline) {
  return baseline ? `AUROC ${number(baseline.auroc, 4)}, AUPRC ${number(baseline.auprc, 4)}` : "–";
}

function describeEvaluation(evaluation) {
  if (!evaluation || !evaluation.dataset) {
    return "–";
  }
  const normal = evaluation.normal_classes ? `, normal class ${evaluation.normal_classes.join(", ")}` : "";
  return evaluation.dataset + normal;
}

// The images view: the newest verdicts, and the selected one (a click; else the newest) with its pictures.
const IMAGES_SHOWN = 12;
let selectedImage = null;
let shownImages = "";

function imageName(imageId) {
  // The publisher's ids are "<file>@<capture time>": the file says more at a glance; the id stays in the tooltip.
  const at = imageId.lastIndexOf("@");
  return at > 0 ? imageId.slice(0, at) : imageId;
}

function verdictText(verdict) {
  if (verdict.score === null || verdict.score === undefined) {
    return "no score";
  }
  return verdict.anomalous ? "anomalous" : "normal";
}

function renderImages(verdicts) {
  $("images-panel").hidden = false;
  if (verdicts.length > 0 && !verdicts.some((v) => v.imageId === selectedImage)) {
    selectedImage = verdicts[0].imageId;
  }
  const key = verdicts.map((v) => v.imageId).join("\n") + "\n#" + selectedImage;
  if (key === shownImages) {
    return;
  }
  shownImages = key;
  const body = $("images").tBodies[0];
  if (verdicts.length === 0) {
    return;
  }
  body.replaceChildren(...verdicts.map(imageRow));
  renderImageDetail(verdicts.find((v) => v.imageId === selectedImage));
}

function imageRow(verdict) {
  const row = document.createElement("tr");
  row.dataset.imageId = verdict.imageId;
  row.className = verdict.imageId === selectedImage ? "selected" : "";
  row.title = `${verdict.imageId} · ${verdict.sourceId} · ${verdict.imageWidth}×${verdict.imageHeight}`;
  const missing = verdict.patchesMissing + verdict.patchesDeadLettered;
  const cells = [
    [imageName(verdict.imageId), "name"],
    [verdict.status.toLowerCase().replace("_", " "), ""],
    [`${verdict.patchesScored}/${verdict.patchesExpected}` + (missing > 0 ? ` (${missing} not scored)` : ""), ""],
    [`${number(verdict.score, 1)} / ${number(verdict.threshold, 1)}`, ""],
    [verdictText(verdict), "verdict " + verdictText(verdict)],
  ];
  for (const [text, className] of cells) {
    const cell = document.createElement("td");
    cell.textContent = text;
    cell.className = className;
    row.append(cell);
  }
  row.addEventListener("click", () => {
    selectedImage = verdict.imageId;
    shownImages = "";
    pollImages(false);
  });
  return row;
}

function renderImageDetail(verdict) {
  $("image-detail").hidden = false;
  $("image-name").textContent = verdict.imageId;
  $("image-overlay").src = verdict.images.overlay || "";
  $("image-picture").src = verdict.images.image || "";
  $("image-map").src = verdict.images.map || "";
  const verdictCell = $("image-verdict");
  verdictCell.textContent = verdictText(verdict);
  verdictCell.className = "verdict " + verdictText(verdict);
  const threshold = verdict.imageCalibrated ? "image threshold"
    : "patch threshold (the bundle has no image calibration)";
  $("image-score").textContent =
    `${number(verdict.score, 2)} (${verdict.aggregation}) against ${number(verdict.threshold, 2)}, ${threshold}`;
  $("image-counts").textContent = `${verdict.patchesScored} scored, ${verdict.patchesDeadLettered} dead-lettered, `
    + `${verdict.patchesMissing} missing of ${verdict.patchesExpected} · ${verdict.status.toLowerCase()}`;
  $("image-patches").textContent = verdict.anomalousPatches.length === 0 ? "none"
    : verdict.anomalousPatches.map((p) => `(${p.x}, ${p.y}) ${p.width}×${p.height}: ${number(p.score, 1)}`)
      .join(" · ");
}

async function pollImages(again = true) {
  try {
    renderImages(await getJson(`/api/images?limit=${IMAGES_SHOWN}`));
  } catch (error) {
    // No image feed (image verdicts off, or no cluster): the view stays hidden.
    $("images-panel").hidden = true;
  } finally {
    if (again) {
      setTimeout(pollImages, POLL_MS);
    }
  }
}

async function poll() {
  try {
    const [stats, alerts] = await Promise.all([getJson("/api/stats"), getJson(`/api/alerts?limit=${ALERTS_SHOWN}`)]);
    renderStats(stats);
    renderAlerts(alerts);
  } catch (error) {
    showFeed(false, error.message);
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

getJson("/api/model").then(renderModel).catch((error) => showFeed(false, error.message));
poll();
pollImages();
