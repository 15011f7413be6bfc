#!/bin/sh
# Redraws .github/readme/outputs.png, the README's picture of the Mali artifacts in out/ (run
# `make` first): the web page in headless Chromium, the PDF's cover and page 2, the Word brief as
# LibreOffice draws it, and the fact sheet, side by side under their names. Needs Debian's
# chromium, poppler-utils and libreoffice-writer-nogui (what .ci/run installs).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars"
chromium $flags --window-size=816,1056 --screenshot="$tmp/html.png" "file://$root/out/mali-2021.html" 2>/dev/null
pdftoppm -png -r 96 -f 1 -l 2 "$root/out/mali-2021.pdf" "$tmp/pdf"
soffice --headless --convert-to pdf --outdir "$tmp" "$root/out/mali-2021.docx" >/dev/null 2>&1
pdftoppm -png -r 96 -f 2 -l 2 "$tmp/mali-2021.pdf" "$tmp/docx"
pdftoppm -png -r 96 -f 1 -l 1 "$root/out/mali-2021.factsheet.pdf" "$tmp/sheet"
cell() { printf '<figure><img src="%s"><figcaption>%s</figcaption></figure>' "$1" "$2"; }
{
  printf '<!doctype html><meta charset="utf-8"><style>body{margin:0;background:#e9ecef;display:flex;gap:16px;padding:16px;font:600 17px "DejaVu Sans",sans-serif}figure{margin:0;text-align:center}img{width:360px;height:466px;object-fit:cover;object-position:top;box-shadow:0 1px 4px #0004;background:#fff}figcaption{margin-top:8px}</style>'
  cell "$tmp/html.png" "mali-2021.html"
  cell "$(ls "$tmp"/pdf-*1.png)" "mali-2021.pdf (cover)"
  cell "$(ls "$tmp"/pdf-*2.png)" "mali-2021.pdf (page 2)"
  cell "$(ls "$tmp"/docx-*2.png)" "mali-2021.docx (LibreOffice)"
  cell "$(ls "$tmp"/sheet-*1.png)" "mali-2021.factsheet.pdf"
} >"$tmp/grid.html"
chromium $flags --window-size=1896,530 --screenshot="$root/.github/readme/outputs.png" "file://$tmp/grid.html" 2>/dev/null
echo "wrote .github/readme/outputs.png"
