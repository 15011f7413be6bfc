import { fileURLToPath } from "node:url";

/** Folio's own install folder (where `templates/` and `package.json` live), not the user's cwd. */
export const folioRoot = fileURLToPath(new URL("..", import.meta.url));
export const templatesDir = fileURLToPath(new URL("../templates/", import.meta.url));
