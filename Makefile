# Clausewright. `make run` launches the app; `make test` runs every test. Each installs what it lacks.
SHELL := /bin/bash
CARGO ?= cargo
E2E_DIR := target/e2e
TAURI_DRIVER := $(HOME)/.cargo/bin/tauri-driver

# A one-shot CI build gains nothing from the incremental cache, which costs a gigabyte of disk.
ifeq ($(CI),true)
export CARGO_INCREMENTAL := 0
endif

.PHONY: run release test test-rust test-ui e2e lint bench eval fuzz ui system-deps system-test-deps node-deps tauri-driver bindings clean

run: system-deps ui
	$(CARGO) run -p clausewright

# Release binaries in target/release: the app, and the CLI linked statically, so it starts
# without the dynamic loader's work (issue #15; sizes and start-up in docs/benchmarks.md).
# Cargo cannot link one binary statically and not another (the app needs WebKit's shared
# libraries), so the CLI's flags go to its own rustc call; linked at a fixed address, as
# cli/build.rs explains.
release: system-deps ui
	$(CARGO) build --release -p clausewright
	$(CARGO) rustc --release -p clausewright-cli --bin clausewright-cli -- -C target-feature=+crt-static -C relocation-model=static

# Lint gates too: a clippy warning or a svelte-check warning fails `make test`, and so CI.
test: system-test-deps ui test-rust test-ui lint e2e

test-rust:
	$(CARGO) test --workspace --exclude clausewright-e2e

test-ui: node-deps
	cd ui && npm test

# The end-to-end tests drive the real debug app under a virtual display.
e2e: system-test-deps ui tauri-driver
	$(CARGO) build -p clausewright
	mkdir -p $(E2E_DIR)
	CLAUSEWRIGHT_E2E=1 TAURI_DRIVER=$(TAURI_DRIVER) dbus-run-session -- \
	  xvfb-run -a -s "-screen 0 1280x800x24" \
	  $(CARGO) test -p clausewright-e2e -- --test-threads=1

# Clippy with warnings as errors, and the UI's type check.
lint: node-deps
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	cd ui && npx svelte-check --fail-on-warnings

# Criterion benchmarks; medians are printed per benchmark.
bench:
	$(CARGO) bench -p clausewright-core -p clausewright-cli

# The policy checker scored on the GDPR-Transparency-200 dev split (issue #12), when it is there:
# per id precision, recall and F1 of "present", the macro average, and "missing" precision and
# recall, for all 63 policies, the two thirds the rules were tuned on, and the held-out third.
EVAL_DATA ?= ../shared/datasets/gdpr-transparency-200-dev
eval:
	@if [ -d "$(EVAL_DATA)" ]; then \
	  $(CARGO) build -q -p clausewright-cli --no-default-features && \
	  python3 scripts/eval-checker.py "$${CARGO_TARGET_DIR:-target}/debug/clausewright-cli" "$(EVAL_DATA)"; \
	else echo "skipped: $(EVAL_DATA) is not there"; fi

# Fuzz each reader, the renderer and the diff (security I5) for FUZZ_SECONDS each, starting
# from the seed inputs kept in fuzz/seeds/ (what the fuzzer finds goes to fuzz/corpus/, not
# committed). cargo-fuzz wants nightly; RUSTC_BOOTSTRAP lets the stable toolchain build with
# its flags.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := import_text import_html import_docx review_docx import_pdf render_markdown diff
fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	cd fuzz && for t in $(FUZZ_TARGETS); do \
	  mkdir -p corpus/$$t && \
	  RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run $$t corpus/$$t seeds/$$t -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048 || exit 1; \
	done

ui: node-deps
	cd ui && npm run build

system-deps:
	@scripts/ensure-system-deps.sh build

system-test-deps:
	@scripts/ensure-system-deps.sh test

node-deps:
	@scripts/ensure-node.sh

tauri-driver:
	@test -x $(TAURI_DRIVER) || $(CARGO) install tauri-driver --locked --version ^2

# Regenerate ui/src/ipc/bindings from the Rust types.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p clausewright-core --test bindings

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
