#!/usr/bin/env bash
# Idempotent provisioning shared by `npm start` and `npm test` (sourced by both, so the
# variables it exports reach them; also runnable alone: `npm run provision`).
#
#  1. installs node_modules when missing or older than package-lock.json;
#  2. PostgreSQL: uses DATABASE_URL when it points at a server that answers; otherwise
#     runs a project-local cluster (data in .data/postgres, port HAIDANG_PG_PORT=54329),
#     installing Debian's `postgresql` with apt when it is absent (root only);
#  3. Redis: the same with REDIS_URL, .data/redis (appendonly yes), port HAIDANG_REDIS_PORT=63790;
#  4. Debian's Noto fonts (fonts-noto-core, fonts-noto-cjk) for certificates, when absent;
#     with --with-chromium (tests): Debian's `chromium` when absent;
#  5. writes .env with the managed URLs the first time, so every later command finds them,
#     and a random APP_SECRET when .env has none (production must set its own).
# See docs/decisions/002-provisioning.md.

set -euo pipefail

HAIDANG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HAIDANG_ROOT"

log() { printf '\033[1;34m[provision]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[provision] %s\033[0m\n' "$*" >&2; exit 1; }

WITH_CHROMIUM=0
for arg in "$@"; do [ "$arg" = "--with-chromium" ] && WITH_CHROMIUM=1; done

# .env: variables already set in the environment win.
if [ -f .env ]; then
  while IFS='=' read -r key value; do
    [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] || continue
    [ -n "${!key+x}" ] || export "$key=$value"
  done < .env
fi

PG_PORT="${HAIDANG_PG_PORT:-54329}"
REDIS_PORT="${HAIDANG_REDIS_PORT:-63790}"
MANAGED_DATABASE_URL="postgresql://haidang@127.0.0.1:${PG_PORT}/haidang"
MANAGED_REDIS_URL="redis://127.0.0.1:${REDIS_PORT}/0"
DATA_DIR="$HAIDANG_ROOT/.data"

# ---------------------------------------------------------------- helpers
is_root() { [ "$(id -u)" = 0 ]; }
have() { command -v "$1" >/dev/null 2>&1; }

# host and port of a URL, printed as "host port"
url_host_port() {
  node -e 'const u=new URL(process.argv[1]); const d={"postgresql:":5432,"postgres:":5432,"redis:":6379}[u.protocol]; console.log(u.hostname.replace(/^\[|\]$/g,""), u.port||d)' "$1"
}

tcp_answers() { # host port
  node -e 'const s=require("net").connect({host:process.argv[1],port:+process.argv[2],timeout:1500});s.on("connect",()=>{s.end();process.exit(0)});s.on("error",()=>process.exit(1));s.on("timeout",()=>process.exit(1))' "$1" "$2"
}

APT_UPDATED=0
apt_install() {
  if ! is_root || ! have apt-get; then
    case "$1" in
      postgresql) hint="or set DATABASE_URL to a server that is already running" ;;
      redis-server) hint="or set REDIS_URL to a server that is already running" ;;
      fonts-*) hint="or set HAIDANG_FONT_DIR to a folder holding truetype/noto and opentype/noto" ;;
      *) hint="" ;;
    esac
    die "Missing: $*. Install it with your system's package manager (on Debian/Ubuntu, as root: apt-get update && apt-get install -y $*)${hint:+, $hint}."
  fi
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

as_postgres() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

# ---------------------------------------------------------------- node_modules
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund >&2
fi
if [ ! -f app/generated/prisma/client.ts ]; then
  log "generating the Prisma client"
  DATABASE_URL="${DATABASE_URL:-postgresql://generate:only@localhost/generate}" npx prisma generate >&2
fi

# ---------------------------------------------------------------- PostgreSQL
start_managed_postgres() {
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    apt_install postgresql
    bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  local pgdata="$DATA_DIR/postgres" sock="$DATA_DIR/pg-socket"
  mkdir -p "$pgdata" "$sock"
  if is_root; then
    chown postgres: "$pgdata" "$sock"
    chmod 700 "$pgdata"
    runuser -u postgres -- test -w "$pgdata" ||
      die "The postgres user cannot reach $pgdata (a parent folder is private). Clone the project somewhere other users can traverse, or set DATABASE_URL."
  fi
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    log "initialising PostgreSQL in $pgdata"
    as_postgres "$bindir/initdb" -D "$pgdata" -U haidang --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_postgres "$bindir/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_postgres "$bindir/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
      -o "-p $PG_PORT -k $sock -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on" start >/dev/null ||
      die "PostgreSQL did not start; see $pgdata/server.log"
  fi
  local psql="$bindir/psql"
  if ! "$psql" -h 127.0.0.1 -p "$PG_PORT" -U haidang -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='haidang'" | grep -q 1; then
    "$psql" -h 127.0.0.1 -p "$PG_PORT" -U haidang -d postgres -qc 'CREATE DATABASE haidang' >/dev/null
  fi
  export PG_BINDIR="$bindir"
}

if [ -n "${DATABASE_URL:-}" ] && [ "$DATABASE_URL" != "$MANAGED_DATABASE_URL" ]; then
  read -r host port < <(url_host_port "$DATABASE_URL")
  tcp_answers "$host" "$port" || die "DATABASE_URL points at $host:$port, which does not answer. Start that server, or unset DATABASE_URL to let the project run its own."
  log "using PostgreSQL at $host:$port (DATABASE_URL)"
else
  start_managed_postgres
  export DATABASE_URL="$MANAGED_DATABASE_URL"
fi

# ---------------------------------------------------------------- Redis
start_managed_redis() {
  have redis-server || apt_install redis-server
  local dir="$DATA_DIR/redis"
  mkdir -p "$dir"
  if ! tcp_answers 127.0.0.1 "$REDIS_PORT"; then
    log "starting Redis on 127.0.0.1:$REDIS_PORT (appendonly)"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$dir" \
      --appendonly yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --save "" >/dev/null
    for _ in $(seq 1 50); do tcp_answers 127.0.0.1 "$REDIS_PORT" && break; sleep 0.2; done
    tcp_answers 127.0.0.1 "$REDIS_PORT" || die "Redis did not start; see $dir/redis.log"
  fi
}

if [ -n "${REDIS_URL:-}" ] && [ "$REDIS_URL" != "$MANAGED_REDIS_URL" ]; then
  read -r host port < <(url_host_port "$REDIS_URL")
  tcp_answers "$host" "$port" || die "REDIS_URL points at $host:$port, which does not answer. Start that server, or unset REDIS_URL to let the project run its own."
  log "using Redis at $host:$port (REDIS_URL)"
else
  start_managed_redis
  export REDIS_URL="$MANAGED_REDIS_URL"
fi

# ---------------------------------------------------------------- Fonts (certificates)
# Certificates embed Debian's Noto fonts (subset), so officers' names render in any script.
FONT_DIR="${HAIDANG_FONT_DIR:-/usr/share/fonts}"
missing_fonts=()
[ -f "$FONT_DIR/truetype/noto/NotoSans-Regular.ttf" ] || missing_fonts+=(fonts-noto-core)
[ -f "$FONT_DIR/opentype/noto/NotoSansCJK-Regular.ttc" ] || missing_fonts+=(fonts-noto-cjk)
if [ "${#missing_fonts[@]}" -gt 0 ]; then
  apt_install "${missing_fonts[@]}"
fi

# ---------------------------------------------------------------- Chromium (tests)
if [ "$WITH_CHROMIUM" = 1 ]; then
  export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$CHROMIUM_PATH" ] || apt_install chromium
  [ -x "$CHROMIUM_PATH" ] || die "Chromium not found at $CHROMIUM_PATH. Install Debian's chromium package or set CHROMIUM_PATH."
fi

# ---------------------------------------------------------------- .env
if [ ! -f .env ]; then
  cat > .env <<ENV
# Written by scripts/provision.sh for the project-local services. Edit freely.
DATABASE_URL=$DATABASE_URL
REDIS_URL=$REDIS_URL
ENV
  log "wrote .env"
fi
# The server secret for invitation links and known-device cookies: generated once, kept after.
if [ -z "${APP_SECRET:-}" ] && ! grep -q '^APP_SECRET=' .env; then
  [ -z "$(tail -c 1 .env)" ] || echo >> .env
  printf 'APP_SECRET=%s\n' "$(node -e 'console.log(require("crypto").randomBytes(48).toString("base64url"))')" >> .env
  log "wrote a random APP_SECRET into .env"
fi
log "ready: PostgreSQL and Redis answer"
