const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

/**
 * The preview: the HTML edition and the PDF side by side (fact sheet links above). The artifacts
 * stay untouched (their CSP forbids scripts); this page reloads the frames on each rebuild,
 * keeping the HTML's scroll position.
 */
export function previewPage(name: string): string {
  const n = escapeHtml(encodeURIComponent(name));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(name)} — Folio preview</title>
<style>
html,body{margin:0;height:100%;font:14px system-ui,sans-serif}
header{display:flex;gap:1.5em;align-items:center;padding:.4em 1em;border-bottom:1px solid #ccc}
main{display:grid;grid-template-columns:1fr 1fr;height:calc(100% - 2.4em)}
iframe{border:0;width:100%;height:100%}
#status{margin-left:auto;color:#555}
#failure{display:none;position:fixed;inset:2.4em 0 auto 0;max-height:50%;overflow:auto;margin:0;padding:1em 1.2em;background:#fdf0ef;color:#6b1a0f;border-bottom:3px solid #b50909;font:13px/1.45 ui-monospace,monospace;white-space:pre-wrap}
#failure.shown{display:block}
</style></head><body>
<header><strong>${escapeHtml(name)}</strong>
<a href="/${n}.html">HTML</a><a href="/${n}.pdf">PDF</a><a href="/${n}.docx">DOCX</a>
<a href="/${n}.factsheet.pdf">Fact sheet PDF</a><a href="/${n}.factsheet.html">Fact sheet HTML</a>
<span id="status" aria-live="polite">watching</span></header>
<pre id="failure" role="alert"></pre>
<main><iframe id="html" title="HTML edition" src="/${n}.html"></iframe>
<iframe id="pdf" title="PDF edition" src="/${n}.pdf"></iframe></main>
<script>
const html = document.getElementById("html"), pdf = document.getElementById("pdf");
const status = document.getElementById("status"), failure = document.getElementById("failure");
const events = new EventSource("/events");
events.addEventListener("failed", (event) => {
  failure.textContent = event.data;
  failure.className = "shown";
  status.textContent = "build failed " + new Date().toLocaleTimeString() + ": showing the last good build";
});
events.onmessage = (event) => {
  failure.className = "";
  failure.textContent = "";
  const y = html.contentWindow ? html.contentWindow.scrollY : 0;
  html.addEventListener("load", () => html.contentWindow.scrollTo(0, y), { once: true });
  html.src = "/${n}.html?" + event.data;
  pdf.src = "/${n}.pdf?" + event.data;
  status.textContent = "rebuilt " + new Date().toLocaleTimeString();
};
</script></body></html>
`;
}
