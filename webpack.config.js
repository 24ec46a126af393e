/**
 * Builds the task pane (addin/) into dist/, which the Planbook service serves from the same origin.
 *   npm run build       production: minified, dist/manifest.xml pointing at PLANBOOK_ADDIN_URL
 *   npm run dev-server  https://localhost:3000 with office-addin-dev-certs certificates
 * office.js is copied in and served with the pane: government desktops often cannot reach Microsoft's CDN.
 * The worksheet functions (addin/functions/functions.ts) are bundled into the pane, which is their
 * shared runtime, and on their own as functions.js (the manifest's Script); functions.json is
 * generated from their JSDoc by custom-functions-metadata-plugin at every build.
 */
const path = require("node:path");
const fs = require("node:fs");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const DEV_URL = "https://localhost:3000";
const OFFICE_JS = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));

/** The manifest's development address, replaced by the production one (no trailing slash). */
function manifestFor(content, addinUrl) {
  const target = (addinUrl || DEV_URL).replace(/\/+$/, "");
  if (!/^https:\/\//.test(target)) throw new Error(`PLANBOOK_ADDIN_URL must be an https:// address, got ${target}`);
  return content.toString("utf8").split(DEV_URL).join(target);
}

/** office.js and what it loads next to itself: the host-file table, Excel's scripts, the strings of the locales used here. */
const officeJsPatterns = [
  { from: "office.js", to: "office-js/" },
  { from: "o15apptofilemappingtable.js", to: "office-js/" },
  { from: "excel*.js", to: "office-js/", globOptions: { ignore: ["**/*.debug.js"] } },
  { from: "{zh-cn,en-us}/office_strings.js", to: "office-js/" },
  { from: "telemetry/oteljs_agave.js", to: "office-js/" },
  // already minified by Microsoft: telling terser so saves a minute per build
].map((pattern) => ({ ...pattern, context: OFFICE_JS, info: { minimized: true } }));

/** webpack-dev-server over the same development certificates the service uses. */
function devServerHttps() {
  const dir = path.join(require("node:os").homedir(), ".office-addin-dev-certs");
  const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
  const paths = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(dir, f)]));
  return {
    dir,
    paths,
    async ensure() {
      if (!fs.existsSync(paths.cert) || !fs.existsSync(paths.key)) {
        fs.mkdirSync(dir, { recursive: true });
        // getHttpsServerOptions() needs sudo to trust the CA and fails here; generating works everywhere.
        const certs = require("office-addin-dev-certs");
        await certs.generateCertificates(paths.ca, paths.cert, paths.key, 365, ["127.0.0.1", "localhost"]); // same set and lifetime as the service (generator/serve/certs.ts)
      }
      return { cert: fs.readFileSync(paths.cert), key: fs.readFileSync(paths.key), ca: fs.readFileSync(paths.ca) };
    },
  };
}

module.exports = async (env = {}, argv = {}) => {
  const production = (argv.mode || process.env.NODE_ENV) === "production";
  const outDir = path.resolve(__dirname, env.outDir || process.env.PLANBOOK_DIST_DIR || "dist");
  const https = devServerHttps();
  const serving = process.argv.some((a) => a === "serve") || env.WEBPACK_SERVE;

  return {
    mode: production ? "production" : "development",
    devtool: production ? false : "source-map",
    context: __dirname,
    entry: { taskpane: "./addin/taskpane/index.ts", functions: "./addin/functions/functions.ts" },
    // functions.js keeps its name: the manifest points at it
    output: { path: outDir, filename: (chunk) => (chunk.chunk.name === "functions" ? "[name].js" : "[name].[contenthash:8].js"), clean: true },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        { test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { configFile: "tsconfig.json", onlyCompileBundledFiles: true, compilerOptions: { noEmit: false, types: ["office-js", "custom-functions-runtime"] } } } },
      ],
    },
    // Browser code only: a Node built-in reaching the bundle is a mistake, so fail instead of polyfilling.
    target: ["web", "es2020"],
    performance: { hints: production ? "warning" : false, maxEntrypointSize: 300000, maxAssetSize: 4000000 },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./addin/functions/functions.ts", output: "functions.json" }),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "addin/taskpane/taskpane.html", chunks: ["taskpane"], inject: "body", minify: production }),
      new HtmlWebpackPlugin({ filename: "help.html", template: "addin/taskpane/help.html", chunks: [], minify: production }),
      new HtmlWebpackPlugin({ filename: "index.html", template: "addin/taskpane/help.html", chunks: [], minify: production }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "addin/assets", to: "assets" },
          { from: "addin/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => manifestFor(content, production ? process.env.PLANBOOK_ADDIN_URL : DEV_URL) },
          ...officeJsPatterns,
        ],
      }),
    ],
    devServer: serving
      ? {
          port: 3000,
          headers: { "Access-Control-Allow-Origin": "*" },
          server: { type: "https", options: await https.ensure() },
          static: false,
          // the pane calls /api/…: hand those to a Planbook service started with PLANBOOK_PORT=3001
          proxy: [{ context: ["/api"], target: process.env.PLANBOOK_API_URL || "https://localhost:3001", secure: false, changeOrigin: true }],
        }
      : undefined,
  };
};

module.exports.manifestFor = manifestFor;
