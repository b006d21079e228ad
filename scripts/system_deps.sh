#!/usr/bin/env bash
# Install the Debian packages the project needs, only those missing.
set -euo pipefail
need=()
command -v redis-server >/dev/null || need+=(redis-server)
command -v espeak-ng   >/dev/null || need+=(espeak-ng)
command -v sox         >/dev/null || need+=(sox)
command -v ffmpeg      >/dev/null || need+=(ffmpeg)
if [[ "${WITH_BROWSER:-1}" == 1 ]]; then
  command -v chromium >/dev/null || need+=(chromium)
  [[ -d /usr/share/fonts/truetype/nanum ]] || need+=(fonts-nanum)  # Korean glyphs in screenshots
fi
if [[ "${WITH_COMPOSE:-1}" == 1 ]]; then command -v docker-compose >/dev/null || need+=(docker-compose); fi
((${#need[@]})) || exit 0
SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
echo "installing Debian packages: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
