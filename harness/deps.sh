#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the project needs, if any is missing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/base/pin"

pkgs="$DEBIAN_PACKAGE gcc-arm-none-eabi gcc-arm-linux-gnueabihf
      libc6-dev-armhf-cross qemu-system-arm ccache make gcc flex bison bc
      libssl-dev libelf-dev cpio xz-utils python3 python3-ply python3-git python3-docutils python3-sphinx git perl kmod"

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

command -v apt-get >/dev/null ||
	die "missing packages:$missing; apt-get is not available here, install them by hand"
sudo=
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null || die "missing packages:$missing; run as root or install sudo"
	sudo=sudo
fi
msg "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# Ask for the pinned base first; a machine whose archive no longer serves
# it takes what it has, and prepare's checksums decide whether that fits.
want=$(echo "$missing" | sed "s/\b$DEBIAN_PACKAGE\b/$DEBIAN_PACKAGE=$DEBIAN_VERSION/")
$sudo apt-get install -y -qq --no-install-recommends $want >/dev/null ||
	$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
