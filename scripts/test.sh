#!/usr/bin/env bash
# Install everything the tests need, then run the whole suite: lint, unit, doctests, AppTest,
# property tests and the end-to-end tests in Debian's headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
need() {  # need COMMAND PACKAGE...: install Debian's packages if COMMAND is missing
  local command="$1"; shift
  if command -v "$command" >/dev/null 2>&1 || [ -x "/usr/sbin/$command" ]; then return; fi
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
need chromium chromium        # the end-to-end tests' browser
need nginx nginx              # deploy/: replicas behind nginx (tests/e2e/test_proxy_browser.py)
need zbarimg zbar-tools       # scans the lesson link's QR code (tests/e2e/test_lesson_browser.py)
need npm nodejs npm           # axe-core for the accessibility tests comes from npm
[ -f node_modules/axe-core/axe.min.js ] || npm ci --no-audit --no-fund --loglevel=error
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -r requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
