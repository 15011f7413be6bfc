import type { Format } from "../format.ts";
import { webPageAssets } from "../web-fonts.ts";
import { renderBookHtml } from "./book.ts";
import { hasCharts, loadChartDrawer } from "./charts.ts";
import { renderHtml } from "./page.ts";

/** The web edition: one self-contained, accessible HTML file; a book's index and a page per chapter. */
export const htmlFormat: Format = {
  id: "html",
  suffixes: [".html"],
  async render(model, branded, options) {
    // A brand's own faces, subset to the page's characters (the default page is unchanged).
    const assets = await webPageAssets(model, branded);
    // A book's chapter pages draw their chapters' charts: a book loads the drawer whatever its own tree holds.
    if (model.book || hasCharts(model)) await loadChartDrawer();
    if (model.book) return renderBookHtml(model, model.book, assets, options);
    const { html, messages } = renderHtml(model, assets, options);
    return { artifacts: [{ suffix: ".html", bytes: new TextEncoder().encode(html) }], messages };
  },
};
