import type { Format } from "../format.ts";
import { renderHtml } from "./page.ts";

/** The web edition: one self-contained, accessible HTML file. */
export const htmlFormat: Format = {
  id: "html",
  suffixes: [".html"],
  async render(model) {
    return [{ suffix: ".html", bytes: new TextEncoder().encode(renderHtml(model)) }];
  },
};
