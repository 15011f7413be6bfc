import type { Format } from "../format.ts";
import { renderHtml } from "./page.ts";

/** The web edition: one self-contained, accessible HTML file. */
export const htmlFormat: Format = {
  id: "html",
  suffixes: [".html"],
  async render(model, assets, options) {
    const { html, messages } = renderHtml(model, assets, options);
    return { artifacts: [{ suffix: ".html", bytes: new TextEncoder().encode(html) }], messages };
  },
};
