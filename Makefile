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

.PHONY: help build test bench bench-smoke run lint cover clean

help:
	@echo 'fakemessenger: a simulated Office Communicator automation API'
	@echo
	@echo 'make build   build bin/fakemessenger'
	@echo 'make test    run every test with the race detector'
	@echo 'make bench   measure the figures in BENCHMARKS.md (minutes; wants a quiet machine)'
	@echo 'make bench-smoke  build and run every benchmark once (what CI runs)'
	@echo 'make run     start the standalone fake on 127.0.0.1:7070 (ARGS=... for flags)'
	@echo 'make lint    go vet and a gofmt check'
	@echo 'make cover   test coverage summary (coverage.out)'
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

bench:
	bash scripts/bench.sh

# Every benchmark compiled and run for one iteration, so CI notices a
# benchmark that no longer builds or fails; -short skips the million-window
# case. The figures come from `make bench`, not from this.
bench-smoke:
	$(GO) test -short -run '^$$' -bench . -benchtime 1x ./...

run:
	@$(GO) run ./cmd/fakemessenger $(ARGS)

lint:
	$(GO) vet ./...
	@unformatted="$$(gofmt -l .)"; \
	if [ -n "$$unformatted" ]; then \
		echo 'gofmt -l: these files need gofmt -w:'; echo "$$unformatted"; exit 1; \
	fi

cover:
	$(GO) test -coverprofile=coverage.out ./... && $(GO) tool cover -func=coverage.out | tail -1

clean:
	rm -rf bin coverage.out bench-results
