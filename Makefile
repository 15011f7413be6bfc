# Folio: `make` installs dependencies and builds every artifact into out/; `make test` runs the suite.
SOURCES := $(wildcard source/*.md)
NODE_STAMP := node_modules/.package-lock.json

.PHONY: all build bundle test lint format bench verify clean

all: build

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build: $(NODE_STAMP) bundle
	node src/bin/folio.js build $(SOURCES) --out out

# The CLI as one esbuild bundle (+ gazetteer extracts, unpacked fonts) in node_modules/.cache/folio/;
# src/bin/folio.js uses it while it is newer than every file under src/, else the sources.
bundle: $(NODE_STAMP)
	node src/bin/bundle.js

# Benchmarks against pandoc (cold, watch, 200-report corpus, 1 MB document); not part of test or CI.
bench: bundle
	node --import tsx/esm bench/run.ts

test: $(NODE_STAMP)
	npx vitest run

# Cross-format parity, manifest checksums, and the real validators (qpdf, pdffonts, LibreOffice,
# the Nu checker, axe-core in Chromium) run against the artifacts in out/.
verify: build
	node src/bin/folio.js check $(SOURCES) --out out
	FOLIO_VERIFY=1 npx vitest run

lint: $(NODE_STAMP)
	npx tsc --noEmit
	npx biome check .

format: $(NODE_STAMP)
	npx biome check --write .

clean:
	find out -mindepth 1 ! -name .gitkeep -delete
