// Bundles the browser widgets into src/hudhud/web/static/dist (served at /static/dist).
// Run by `make install` (npm ci && npm run build); nothing here is fetched at run time.
import * as esbuild from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";

const out = "../src/hudhud/web/static/dist";
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await esbuild.build({
  entryPoints: { network: "src/network.js", map: "src/map.js" },
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  outdir: out,
  loader: { ".png": "file" },
  // The libraries' licence headers go to *.LEGAL.txt beside the bundles.
  legalComments: "linked",
  logLevel: "warning",
});
// The basemap: Natural Earth 1:50m countries (public domain) as TopoJSON, from world-atlas (ISC).
await copyFile("node_modules/world-atlas/countries-50m.json", `${out}/countries-50m.json`);
await copyFile("node_modules/world-atlas/LICENSE", `${out}/world-atlas.LICENSE.txt`);
