# saqcheck: the commands the README and CI use.
GO ?= go

.PHONY: all build test acceptance lint-rules fuzz vulncheck bench clean

all: test

# A static binary: no libc to load, so it starts about 0.8 ms sooner (see
# README, Speed) and runs on any Linux.
build:
	CGO_ENABLED=0 $(GO) build -o saqcheck ./cmd/saqcheck

# The test command (README, .ci/run): vet, then every test with the race
# detector, end-to-end scripts included.
test:
	$(GO) vet ./...
	$(GO) test -race ./...

# The public acceptance cases, when the shared folder is beside the checkout.
acceptance:
	../shared/acceptance/run

# The embedded rules table must lint clean.
lint-rules:
	$(GO) run ./cmd/saqcheck rules lint

# Each fuzz target for FUZZTIME (go test runs one target at a time).
FUZZTIME ?= 10s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) ./internal/questionnaire
	$(GO) test -run '^$$' -fuzz '^FuzzParseVolume$$' -fuzztime $(FUZZTIME) ./internal/questionnaire
	$(GO) test -run '^$$' -fuzz '^FuzzBatch$$' -fuzztime $(FUZZTIME) ./internal/batch
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME) ./internal/saq
	$(GO) test -run '^$$' -fuzz '^FuzzParsePolicy$$' -fuzztime $(FUZZTIME) ./internal/site
	$(GO) test -run '^$$' -fuzz '^FuzzParsePage$$' -fuzztime $(FUZZTIME) ./internal/site

# govulncheck against a database built offline from golang.org/x/vulndb, on
# go.mod's toolchain (go1.27.3): go1.26.8's standard library has reachable
# vulnerabilities in net/http and crypto/tls.
vulncheck:
	GOTOOLCHAIN=go1.27.3 scripts/vulncheck.sh

clean:
	rm -f saqcheck

# Speed: documents/s and peak RSS over seeded portfolios, start-up against a
# Go hello-world, and the Go benchmarks. BENCH_BIG=1 adds 10M documents.
bench:
	bench/run.sh
