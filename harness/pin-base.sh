#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Record in base/SHA256SUMS the pristine text of every base file the
# overlay replaces.  Run after adding a base file to the overlay.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -d "$KSRC/.git" ] || die "no prepared tree (run: make prepare)"
for f in $(overlay_files); do
	git -C "$KSRC" cat-file -e "base:$f" 2>/dev/null || continue
	printf '%s  %s\n' "$(git -C "$KSRC" show "base:$f" | sha256sum | cut -d' ' -f1)" "$f"
done > "$TOP/base/SHA256SUMS"
msg "pin-base: $(wc -l < "$TOP/base/SHA256SUMS") base files recorded"
