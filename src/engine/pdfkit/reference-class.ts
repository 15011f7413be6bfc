import { createRequire } from "node:module";

// pdfkit's PDFReference (every object of a PDF, and every stream: a page's content, a face's
// subset) is not exported. Folio's changes to how it writes and finalises streams reach its class
// through the first object a document makes; this finds the class once for all of them.

const require = createRequire(import.meta.url);

type Patch = (referencePrototype: object) => void;
const patches: Array<{ name: string; patch: Patch }> = [];
/**
 * The patches applied to the class, by name, kept on the class itself: another copy of this
 * module (a test file's own module graph) finds them there and does not apply them twice.
 */
const applied = Symbol.for("folio.pdfkitReferencePatches");
let found: object | undefined;
let hooked = false;

/** Applies a patch to the class once, whichever copy of this module asks. */
function apply(proto: object, name: string, patch: Patch): void {
  const done = proto as { [applied]?: Set<string> };
  done[applied] ??= new Set();
  if (done[applied].has(name)) return;
  done[applied].add(name);
  patch(proto);
}

/**
 * Calls `patch` with pdfkit's PDFReference prototype: now, when a document has already made an
 * object, else when the first one does. Patches apply in the order given (the later wraps the
 * earlier), each `name` once.
 */
export function onReferenceClass(name: string, patch: Patch): void {
  if (patches.some((each) => each.name === name)) return;
  patches.push({ name, patch });
  if (found) {
    apply(found, name, patch);
    return;
  }
  if (hooked) return;
  hooked = true;
  const documentProto = (require("pdfkit") as { prototype: { ref(data?: object): object } }).prototype;
  const ref = documentProto.ref;
  documentProto.ref = function (this: unknown, data?: object) {
    const reference = ref.call(this, data);
    // Once: the class is the same for every document.
    documentProto.ref = ref;
    found = Object.getPrototypeOf(reference) as object;
    for (const each of patches) apply(found, each.name, each.patch);
    return reference;
  };
}
