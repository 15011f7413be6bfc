# Folio: `make` installs dependencies and builds every artifact into out/; `make test` runs the suite.
#
# Every target runs on the Node.js pinned in .node-version: src/tools/node-runtime.sh prints its bin
# folder (the machine's own node when it is that major version, else the exact version fetched once
# from the npm registry into .runtime/), and it goes first on PATH, for npm too.
NODE_BIN := $(shell sh src/tools/node-runtime.sh)
ifeq ($(NODE_BIN),)
$(error Folio has no Node.js to run on: see the message above)
endif
export PATH := $(NODE_BIN):$(PATH)
ifneq ($(findstring /.runtime/,$(NODE_BIN)),)
# Native addons, if any package builds one, compile against the fetched runtime's own headers.
export npm_config_nodedir := $(abspath $(NODE_BIN)/..)
endif

SOURCES := $(wildcard source/*.md)
NODE_STAMP := node_modules/.package-lock.json
BUNDLE := node_modules/.cache/folio/folio.mjs
BUNDLE_INPUTS := $(shell find src -type f) package.json
TEMPLATES := $(shell find templates -type f)
# Brands are read at run time (never bundled): an edit to one rebuilds the artifacts, not the bundle.
BRANDS := $(shell find brands -type f 2>/dev/null)
MANIFEST := out/manifest.json

.PHONY: all build bundle test test-fast lint format bench verify clean

all: build

$(NODE_STAMP): package.json package-lock.json .node-version
	npm ci --no-audit --no-fund
	@touch $@

# The CLI as one esbuild bundle (+ gazetteer extracts, unpacked fonts) in node_modules/.cache/folio/;
# src/bin/folio.js uses it while it is newer than every file under src/, else the sources.
$(BUNDLE): $(NODE_STAMP) $(BUNDLE_INPUTS)
	node src/tools/bundle.js

bundle: $(BUNDLE)

# Every artifact of every source; with nothing changed since the last build, make only compares times.
$(MANIFEST): $(BUNDLE) $(SOURCES) $(TEMPLATES) $(BRANDS) $(shell find source -type f)
	src/bin/folio build $(SOURCES) --out out

build: $(MANIFEST)

# Benchmarks against pandoc (cold, watch, 200-report corpus, 1 MB document); not part of test or CI.
bench: $(BUNDLE)
	node --import tsx/esm test/bench/run.ts

# Both layers of the suite (docs/testing.md): unit (test/unit, test/engine) and end-to-end (the rest).
# The end-to-end tests run the `folio` command often: from the bundle it starts in a fraction of the
# CPU time it takes from the TypeScript sources, so the bundle is brought up to date first.
# Each run keeps its temporary files (the tests' projects, Chromium's and LibreOffice's profiles) in
# a folder of its own, removed when the run ends, passed or failed: a run left about 200 MB in /tmp.
# glibc's malloc in transparent huge pages where the kernel offers them, as src/bin/folio asks for
# its own processes (the tests start `folio` from src/bin/folio.js): 5% less CPU for a run of eight
# process-heavy files (two runs each way, ABBA, 2026-12-07).
with_test_env = run=$$(mktemp -d); TMPDIR=$$run GLIBC_TUNABLES=$${GLIBC_TUNABLES:+$$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1 $(1); status=$$?; rm -rf "$$run"; exit $$status
test: $(BUNDLE)
	@$(call with_test_env,npx vitest run)

# The unit layer alone: the model, the engine and the renderers' handlers, in under a minute.
test-fast: $(NODE_STAMP)
	@$(call with_test_env,npx vitest run --project 'unit*')

# Cross-format parity, manifest checksums, and the real validators (qpdf, pdffonts, LibreOffice,
# the Nu checker, axe-core in Chromium) run against the artifacts in out/.
verify: build
	src/bin/folio check $(SOURCES) --out out
	FOLIO_VERIFY=1 npx vitest run

lint: $(NODE_STAMP)
	npx tsc --noEmit
	npx biome check .

format: $(NODE_STAMP)
	npx biome check --write .

clean:
	find out -mindepth 1 ! -name .gitkeep -delete
