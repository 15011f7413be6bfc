/**
 * A part of a URL (a `#` fragment, a path) with its percent-escapes decoded, or as typed when they
 * are not valid UTF-8 (`#%E0%A4`): a link's target is then compared as written, never an error.
 */
export function decodeOrAsTyped(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
