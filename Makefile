# Rensa: the two commands of README.md.
#   make run    installs what is missing, builds the release CLI and runs the main job,
#               the annual common-threat report of the built-in nisc-2009 data into
#               ./rensa-report/ (ARGS="..." passes other arguments to rensa)
#   make test   installs what is missing and runs the whole test suite, then checks that
#               the DocC catalogs build without warnings (broken symbol links fail),
#               that the benchmarks build and no kernel executes more than 5 % more
#               instructions than committed (valgrind; the same answer on a busy
#               machine), that the suite passes under AddressSanitizer (and the parallel
#               kernels' tests under ThreadSanitizer), prints the English and Japanese
#               reports to PDF and checks them as a reader gets them (.ci/check-print),
#               and fuzzes every parser for 10 s
#   make bench  the advisory wall-clock check against Benchmarks/Thresholds (quiet machine)
SWIFT ?= swift
ARGS ?= report

.PHONY: run test setup setup-test build bench embed

setup:
	@.ci/install-system-deps

setup-test:
	@.ci/install-system-deps --test

build: setup
	$(SWIFT) build -c release --product rensa

run: build
	@echo "rensa: running 'rensa $(ARGS)' (.build/release/rensa)"
	@.build/release/rensa $(ARGS)

test: setup-test
	$(SWIFT) test
	@.ci/check-docs
	@.ci/check-benchmarks --build
	@.ci/check-instructions
	@.ci/check-sanitizers
	@.ci/check-print
	@Tests/Fuzz/run.sh 10

bench: setup
	@.ci/check-benchmarks

# Regenerates the built-in data compiled into the library from Datasets/.
embed:
	@.ci/embed-datasets
