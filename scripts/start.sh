#!/usr/bin/env bash
# `npm start`: provision, migrate, seed, build, then run the web server and the worker
# together until SIGTERM/SIGINT, which both receive (graceful shutdown).
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_ENV="${NODE_ENV:-development}"
source scripts/provision.sh

echo "[start] applying migrations" >&2
npx prisma migrate deploy >&2
echo "[start] importing courses/ (a refused course is reported and skipped)" >&2
npx tsx scripts/courses-import.ts courses || echo "[start] some courses were refused: see the messages above" >&2
NODE_ENV="$RUN_ENV" npx tsx prisma/seed.ts
echo "[start] building" >&2
npx remix build >&2

export NODE_ENV=production
TSX=node_modules/.bin/tsx
"$TSX" jobs/worker.ts &
WORKER=$!
"$TSX" server.ts &
WEB=$!

stop() { kill -TERM "$WEB" "$WORKER" 2>/dev/null || true; }
trap stop TERM INT
set +e
wait -n "$WEB" "$WORKER"
status=$?
stop
wait
exit "$status"
