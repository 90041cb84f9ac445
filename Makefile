# Targets a newcomer can guess; .ci/run uses the same ones. Needs only Go
# (and make), except `make bench`, which needs wrk and installs it with
# apt-get when it is missing (saying so).

GO      ?= go
BIN     ?= bin/fakemessenger
# make build VERSION=v1.2.3 stamps the binary; `fakemessenger version` prints it.
VERSION ?= dev
# make run ARGS='--listen 127.0.0.1:0 --log-level debug'
ARGS    ?=

.DEFAULT_GOAL := help

# make fuzz FUZZTIME=5m runs each fuzz target that long.
FUZZTIME ?= 1m
# package:target of every fuzz target; seed corpora in <package>/testdata/fuzz.
FUZZ_TARGETS = wire:FuzzDecodeVariant wire:FuzzStrictJSON wire:FuzzInvoke model:FuzzCheckSigninName sim:FuzzParseScenario

.PHONY: help build test test-python bench bench-smoke run lint cover coverage clean fuzz adversarial tidy

help:
	@echo 'fakemessenger: a simulated Office Communicator automation API'
	@echo
	@echo 'make build   build bin/fakemessenger'
	@echo 'make test    run every test with the race detector (and the Python client tests)'
	@echo 'make bench   measure the figures in BENCHMARKS.md (minutes; wants a quiet machine)'
	@echo 'make bench-smoke  build and run every benchmark once (what CI runs)'
	@echo 'make run     start the standalone fake on 127.0.0.1:7070 (ARGS=... for flags)'
	@echo 'make lint    go vet and a gofmt check'
	@echo 'make fuzz    run every fuzz target for FUZZTIME (default 1m) each'
	@echo 'make adversarial  the adversarial suite of the wire server, with its case count'
	@echo 'make tidy    fail when go mod tidy would change go.mod or go.sum'
	@echo 'make cover   test coverage summary (coverage.out)'
	@echo 'make coverage  regenerate COVERAGE.md (API surface covered) from the code'
	@echo 'make clean   remove build and coverage output'

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/fakemessenger

# The race detector needs cgo and a C compiler. On a machine with only Go
# the tests still run, without -race, and say so; CI sets REQUIRE_RACE=1.
test:
	@if [ "$$($(GO) env CGO_ENABLED)" = 1 ] && command -v "$$($(GO) env CC)" >/dev/null 2>&1; then \
		echo 'go test -race -count=1 ./...'; $(GO) test -race -count=1 ./...; \
	elif [ -n "$$REQUIRE_RACE" ]; then \
		echo 'make test: the race detector needs cgo and a C compiler (gcc or clang)' >&2; exit 1; \
	else \
		echo 'make test: no C compiler, so no race detector (it needs cgo); install gcc for -race' >&2; \
		echo 'go test -count=1 ./...'; CGO_ENABLED=0 $(GO) test -count=1 ./...; \
	fi
	@$(MAKE) --no-print-directory test-python

# The Python win32com client (clients/python) needs only python3; without
# it the tests are skipped, and say so. CI sets REQUIRE_PYTHON=1.
test-python:
	@if command -v python3 >/dev/null 2>&1; then \
		echo 'cd clients/python && python3 -m unittest'; \
		cd clients/python && GO='$(GO)' python3 -m unittest; \
	elif [ -n "$$REQUIRE_PYTHON" ]; then \
		echo 'make test: python3 is needed for the Python client tests (clients/python)' >&2; exit 1; \
	else \
		echo 'make test: no python3, so the Python client tests (clients/python) are skipped' >&2; \
	fi

bench:
	bash scripts/bench.sh

# Every benchmark compiled and run for one iteration, so CI notices a
# benchmark that no longer builds or fails; -short skips the million-window
# case. The figures come from `make bench`, not from this.
bench-smoke:
	$(GO) test -short -run '^$$' -bench . -benchtime 1x ./...

# Build quietly (the ready line must be the first line on stdout), then
# exec: the shell is replaced by the server, so a signal make passes on
# (SIGTERM from CI or an IDE, SIGINT from Ctrl-C) reaches the server
# itself, which drains and exits 0; nothing is left listening.
run:
	@$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/fakemessenger
	@exec $(abspath $(BIN)) $(ARGS)

fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "go test -run '^$$' -fuzz '^$${t#*:}$$' -fuzztime $(FUZZTIME) ./$${t%%:*}"; \
		$(GO) test -run '^$$' -fuzz "^$${t#*:}\$$" -fuzztime $(FUZZTIME) ./$${t%%:*}; \
	done

adversarial:
	bash scripts/adversarial.sh

tidy:
	$(GO) mod tidy -diff

lint:
	$(GO) vet ./...
	@unformatted="$$(gofmt -l .)"; \
	if [ -n "$$unformatted" ]; then \
		echo 'gofmt -l: these files need gofmt -w:'; echo "$$unformatted"; exit 1; \
	fi

# COVERAGE.md is generated from the interface table, the documented
# conditions beside each handler and what the conformance rows observe.
coverage:
	$(GO) test -count=1 -run 'TestCoverageTable$$' -update-coverage .

cover:
	$(GO) test -coverprofile=coverage.out ./... && $(GO) tool cover -func=coverage.out | tail -1

clean:
	rm -rf bin coverage.out bench-results
