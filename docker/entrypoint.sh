#!/bin/sh
# The image's one entry: which ClaimTrail process to run. exec, so that node receives SIGTERM itself and shuts
# down gracefully (compose runs it under an init with `init: true`).
set -eu
app=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
role="${1:-api}"
[ "$#" -gt 0 ] && shift
case "$role" in
  api) exec node "$app"/dist/apps/api/main.js "$@" ;;
  projector) exec node "$app"/dist/apps/projector/main.js "$@" ;;
  cli) exec node "$app"/dist/apps/cli/main.js "$@" ;;
  live)
    # For a container health check of the api: exits 0 when /health/live answers.
    exec node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" ;;
  *)
    echo "usage: <image> api | projector | cli <claimtrail arguments> | live" >&2
    exit 64 ;;
esac
