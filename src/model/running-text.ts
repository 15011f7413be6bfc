/** A piece of running text (header/footer) where page fields are left for the format to fill. */
export type RunningText = Array<string | { field: "page" | "pages" }>;
