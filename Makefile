# traceledger: the two commands a newcomer needs are `make run` and `make test`.

GO       ?= go
BIN      := bin/traceledger
DATA     ?= $(or $(TRACELEDGER_DATA),./data)
VERSION  ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)

.PHONY: build run test bench bench-scale bench-engines vet fuzz soak clean

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/traceledger

# Builds, seeds the demo data set when the ledger holds no event yet (a
# missing or empty one), and serves on TRACELEDGER_ADDR (default 127.0.0.1:8080).
run: build
	$(BIN) demo --if-empty --data "$(DATA)"
	$(BIN) serve --data "$(DATA)"

# Every test: unit, contract suites against the real embedded store, HTTP
# end-to-end. Servers the tests need are started by the tests themselves.
test: vet
	$(GO) test -count=1 -timeout 30m ./...

vet:
	$(GO) vet ./...

# Speed figures, each beside its baseline measured in the same run.
bench: build
	$(BIN) bench --json

# The scale figures on a generated ledger of SCALE_EVENTS events (default
# 10,000,000; about 20 minutes on 2 cores, 9 to 10 of them the search index
# and the EPCIS view folding the whole log after the restart, before the
# reads are timed on an idle server; SCALE_EVENTS=1000000 took about 5
# minutes): the generator's rate, the file's size, serve's start-up and
# memory (read from /proc), the reads, the rebuild rate (serve's first
# start and catch-up) and the read-and-decode ceiling.
bench-scale: build
	$(BIN) bench --json --only generate,scale --scale-events $(or $(SCALE_EVENTS),10000000)

# Storage engines for the log compared on the same records in one run
# (ENGINE_EVENTS each, default 300,000; a few minutes): 64-writer durable
# appends and a full replay, beside today's store and the raw baselines.
bench-engines: build
	$(BIN) bench --json --only engines --engine-events $(or $(ENGINE_EVENTS),300000)

fuzz:
	for f in FuzzParseDigitalLink FuzzParseGTIN FuzzParseUSCC FuzzParseItemCode FuzzParseSGTIN; do \
		$(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=20s ./domain/ident/ || exit 1; done
	$(GO) test -run='^$$' -fuzz='^FuzzDecodeCommand$$' -fuzztime=20s ./adapters/httpapi/
	$(GO) test -run='^$$' -fuzz='^FuzzPublicResolverPath$$' -fuzztime=20s ./adapters/httpapi/

# The crash-and-retry test for longer: SOAK_ROUNDS server kills (default 30),
# every unanswered keyed command retried; prints duplicates and lost acks.
soak:
	TRACELEDGER_SOAK_ROUNDS=$(or $(SOAK_ROUNDS),30) $(GO) test -count=1 -v -timeout 30m \
		-run '^TestKilledServerRetriedWithIdempotencyKeysRecordsEachCommandOnce$$' ./cmd/traceledger/

clean:
	rm -rf bin
