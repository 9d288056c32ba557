#!/usr/bin/env bash
# govulncheck without the vulnerability database service, which these
# machines cannot reach: the database ships as a Go module, and is built
# from it locally (see ../shared/docs/offline-vulncheck.md). The build is
# cached by vulndb version under $XDG_CACHE_HOME (or ~/.cache).
set -euo pipefail
cd "$(dirname "$0")/.."
vulndb=${VULNDB_VERSION:-v0.0.0-20261105234957-e22db6528018} # snapshot of 2026-11-05
govulncheck=${GOVULNCHECK_VERSION:-v1.9.0}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/saqcheck/vulndb-$vulndb
if [ ! -d "$cache/db" ]; then
  go mod download golang.org/x/vulndb@$vulndb
  src=$(go env GOMODCACHE)/golang.org/x/vulndb@$vulndb
  work=$(mktemp -d)
  cp -r "$src" "$work/repo"
  chmod -R u+w "$work/repo"
  (cd "$work/repo" && git init -q && git add -A &&
    git -c user.name=ci -c user.email=ci@localhost commit -qm snapshot &&
    GOFLAGS=-mod=mod go run ./cmd/gendb -repo . -out "$work/db")
  mkdir -p "$(dirname "$cache")"
  rm -rf "$cache" && mkdir -p "$cache" && mv "$work/db" "$cache/db"
  rm -rf "$work"
fi
GOFLAGS=-mod=mod go run golang.org/x/vuln/cmd/govulncheck@$govulncheck -db "file://$cache/db" ./...
