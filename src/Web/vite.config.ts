// Builds every page (*.html beside this file) into the API's wwwroot, which the API serves: one origin, no CDN.
// The .NET build runs this (src/Api/SocialCapital.Api.csproj, target BuildWebApp), so `dotnet run` serves a fresh app.
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig } from "vite";

const root = import.meta.dirname;
const pages = Object.fromEntries(
  readdirSync(root).filter((f) => f.endsWith(".html")).map((f) => [f.slice(0, -5), resolve(root, f)]),
);

export default defineConfig({
  root,
  base: "/",
  build: {
    outDir: resolve(root, "../Api/wwwroot"),
    emptyOutDir: true,
    rollupOptions: { input: pages },
    chunkSizeWarningLimit: 1200, // echarts and cytoscape are big; each page loads only what it imports
  },
});
