# Targets a newcomer can guess; .ci/run uses the same ones. Needs only Go
# (and make): no other tools are installed by any target.

GO      ?= go
BIN     ?= bin/fakemessenger
# make build VERSION=v1.2.3 stamps the binary; `fakemessenger version` prints it.
VERSION ?= dev
# make run ARGS='--listen 127.0.0.1:0 --log-level debug'
ARGS    ?=

.DEFAULT_GOAL := help

.PHONY: help build test bench run lint cover clean

help:
	@echo 'fakemessenger: a simulated Office Communicator automation API'
	@echo
	@echo 'make build   build bin/fakemessenger'
	@echo 'make test    run every test with the race detector'
	@echo 'make bench   measure the figures in BENCHMARKS.md'
	@echo 'make run     start the standalone fake on 127.0.0.1:7070 (ARGS=... for flags)'
	@echo 'make lint    go vet and a gofmt check'
	@echo 'make cover   test coverage summary (coverage.out)'
	@echo 'make clean   remove build and coverage output'

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/fakemessenger

test:
	go test -race -count=1 ./...

bench:
	bash scripts/bench.sh

run:
	$(GO) run ./cmd/fakemessenger $(ARGS)

lint:
	$(GO) vet ./...
	@unformatted="$$(gofmt -l .)"; \
	if [ -n "$$unformatted" ]; then \
		echo 'gofmt -l: these files need gofmt -w:'; echo "$$unformatted"; exit 1; \
	fi

cover:
	$(GO) test -coverprofile=coverage.out ./... && $(GO) tool cover -func=coverage.out | tail -1

clean:
	rm -rf bin coverage.out
