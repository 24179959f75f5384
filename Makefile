# The two commands: `make start` (set up, build, run the studio) and `make test` (set up, build, all tests).
.PHONY: start test setup build lint bench

NPM_STAMP := node_modules/.package-lock.json

start: setup build
	node packages/cli/dist/bin.js serve

test: setup build lint
	bash scripts/install-system-deps.sh --with-browser
	node scripts/run-tests.mjs

setup: $(NPM_STAMP)
	bash scripts/install-system-deps.sh

# onnxruntime-node's CPU binary ships in its package; its postinstall would fetch CUDA files from
# NuGet. allowScripts denies it on npm 11; the variable makes older npms' script exit at once.
$(NPM_STAMP): package-lock.json
	ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund

build:
	npm run build

lint:
	npx biome check .

bench: setup build
	node bench/run-all.mjs
