# Rensa: the two commands of README.md.
#   make run    installs what is missing, builds the release CLI and runs the main job,
#               the annual common-threat report of the built-in nisc-2009 data into
#               ./rensa-report/ (ARGS="..." passes other arguments to rensa)
#   make test   installs what is missing and runs the whole test suite, then checks that
#               the DocC catalogs build without warnings (broken symbol links fail),
#               that the CI benchmark subset stays within Benchmarks/Thresholds, that the
#               suite passes under AddressSanitizer (and the parallel kernels' tests under
#               ThreadSanitizer), and fuzzes every parser for 10 s (Docs/Hardening.md)
SWIFT ?= swift
ARGS ?= report

.PHONY: run test setup build embed

setup:
	@.ci/install-system-deps

build: setup
	$(SWIFT) build -c release --product rensa

run: build
	@echo "rensa: running 'rensa $(ARGS)' (.build/release/rensa)"
	@.build/release/rensa $(ARGS)

test: setup
	$(SWIFT) test
	@.ci/check-docs
	@.ci/check-benchmarks
	@.ci/check-sanitizers
	@Tests/Fuzz/run.sh 10

# Regenerates the built-in data compiled into the library from Datasets/.
embed:
	@.ci/embed-datasets
