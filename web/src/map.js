// The map widget: events (by the geocoded place of their document) and places on a
// Natural Earth basemap, clustered, coloured by event type; a date-range slider
// filters them in the browser and keeps the export links on the same range.
import L from "./leaflet-global.js";
import "leaflet.markercluster";
import { feature } from "topojson-client";
import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";
import { getJSON, h, showMessage } from "./dom.js";

const DAY = 86400000;
const toDay = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const toIso = (day) => new Date(day * DAY).toISOString().slice(0, 10);

function eventPopup(e) {
  return h("div", { class: "popup" },
    h("span", { class: `badge t-${e.type}` }, e.type), " ",
    h("strong", {}, `${e.source_name || "?"} → ${e.target_name || "?"}`),
    h("div", { class: "muted" }, `${e.day || "undated"} · ${e.place}`),
    h("p", {}, `“${e.evidence}”`),
    h("a", { href: e.href }, "Open the event →"));
}

function placePopup(p) {
  return h("div", { class: "popup" }, h("strong", {}, p.name),
    h("div", { class: "muted" }, `${p.country || ""} · ${p.documents} document${p.documents === 1 ? "" : "s"}, ${p.first || "?"} to ${p.last || "?"}`),
    h("a", { href: p.href }, "Search for it →"));
}

function clusterIcon(cluster) {
  const counts = {};
  for (const m of cluster.getAllChildMarkers()) counts[m.options.kind] = (counts[m.options.kind] || 0) + 1;
  // An event outweighs any number of places: the cluster takes its commonest event type.
  const ranked = Object.entries(counts).sort((a, b) => (a[0] === "place") - (b[0] === "place") || b[1] - a[1]);
  const top = ranked[0][0];
  const n = cluster.getChildCount();
  const size = n < 10 ? 30 : n < 100 ? 38 : 46;
  return L.divIcon({ html: String(n), className: `cluster ${top === "place" ? "place" : `t-${top}`}`, iconSize: L.point(size, size) });
}

async function main() {
  const box = document.getElementById("map");
  if (!box) return;
  let data, world;
  try {
    [data, world] = await Promise.all([getJSON(box.dataset.src), getJSON(box.dataset.world)]);
  } catch (err) {
    showMessage(box, `Could not load the map: ${err.message}`);
    return;
  }
  const map = L.map(box, { minZoom: 2, maxZoom: 10, worldCopyJump: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Basemap: Natural Earth (world-atlas)");
  L.geoJSON(feature(world, world.objects.countries), {
    interactive: false, style: { color: "#8d99a6", weight: 0.7, fillColor: "#f6f3ec", fillOpacity: 1 },
  }).addTo(map);
  const group = L.markerClusterGroup({ iconCreateFunction: clusterIcon, maxClusterRadius: 40,
    showCoverageOnHover: false, spiderfyOnMaxZoom: true });
  const markers = [];
  for (const e of data.events) {
    const icon = L.divIcon({ className: `pt t-${e.type}`, iconSize: L.point(14, 14) });
    const m = L.marker([e.lat, e.lon], { icon, kind: e.type, title: `${e.type}: ${e.evidence}`.slice(0, 120) });
    m.bindPopup(() => eventPopup(e));
    markers.push({ marker: m, from: e.day ? toDay(e.day) : null, to: e.day ? toDay(e.day) : null, place: false });
  }
  for (const p of data.places) {
    const icon = L.divIcon({ className: "pt place", iconSize: L.point(9, 9) });
    const m = L.marker([p.lat, p.lon], { icon, kind: "place", title: p.name });
    m.bindPopup(() => placePopup(p));
    markers.push({ marker: m, from: p.first ? toDay(p.first) : null, to: p.last ? toDay(p.last) : null, place: true });
  }
  map.addLayer(group);

  const slider = document.getElementById("slider");
  const from = document.getElementById("from");
  const to = document.getElementById("to");
  const label = document.getElementById("range-label");
  const shown = document.getElementById("shown");
  const placesBox = document.getElementById("show-places");
  const first = data.range.first ? toDay(data.range.first) : 0;
  const last = data.range.last ? toDay(data.range.last) : 0;
  from.min = to.min = "0";
  from.max = to.max = String(last - first);
  from.value = String(data.filters.since ? Math.max(0, toDay(data.filters.since) - first) : 0);
  to.value = String(data.filters.until ? Math.min(last - first, toDay(data.filters.until) - first) : last - first);

  function update() {
    let lo = first + Number(from.value);
    let hi = first + Number(to.value);
    if (lo > hi) [lo, hi] = [hi, lo];
    const visible = markers.filter((x) => (!x.place || placesBox.checked)
      && (x.from === null || (x.to >= lo && x.from <= hi)));
    group.clearLayers();
    group.addLayers(visible.map((x) => x.marker));
    const events = visible.filter((x) => !x.place).length;
    label.textContent = `${toIso(lo)} – ${toIso(hi)}`;
    shown.textContent = `${events} event${events === 1 ? "" : "s"}, ${visible.length - events} places shown`;
    slider.dataset.events = String(events);
    for (const link of document.querySelectorAll("a.export")) {
      const params = new URLSearchParams(box.dataset.src.split("?")[1] || "");
      params.set("since", toIso(lo));
      params.set("until", toIso(hi));
      link.setAttribute("href", `${link.dataset.base}?${params}`);
    }
  }
  from.addEventListener("input", update);
  to.addEventListener("input", update);
  placesBox.addEventListener("change", update);
  update();

  const hash = new URLSearchParams(window.location.hash.slice(1));
  if (hash.get("lat") && hash.get("lon")) {
    map.setView([Number(hash.get("lat")), Number(hash.get("lon"))], 7);
  } else if (markers.length) {
    // Frame the events; the places (Washington, London) would pull the view off the region.
    const framed = markers.some((x) => !x.place) ? markers.filter((x) => !x.place) : markers;
    map.fitBounds(L.latLngBounds(framed.map((x) => x.marker.getLatLng())).pad(0.2), { maxZoom: 6 });
  } else {
    map.setView([30, 45], 4);
  }
  window.hudhudMap = map; // for the browser tests and the curious
  box.dataset.ready = "true";
}

main();
