#!/usr/bin/env bash
# Prints a PATH under which this machine looks like a fresh one with only
# Node.js and npm (plus what every Debian has): a directory of symlinks to
# every command on the current PATH except the system toolchains an optional
# part of the project may use (autotools and cmake for aws-lambda-ric's native
# addon; Rust and clang for optional Wasm source languages). CI runs the
# README's commands under it, so a step that silently needs one of them fails
# here instead of on a newcomer's machine.
set -euo pipefail

hidden='^(autoreconf|autoconf|autoheader|autom4te|automake(-[0-9.]+)?|aclocal(-[0-9.]+)?|libtool|libtoolize|cmake|ctest|cpack|cargo|rustc|rustup|rustdoc|clang(\+\+)?(-[0-9]+)?|wasm-ld|wasi-sdk|chromium|chromium-browser|google-chrome(-stable)?)$'

shadow="$(mktemp -d "${TMPDIR:-/tmp}/wlb-fresh-path.XXXXXX")"
IFS=: read -r -a dirs <<<"$PATH"
for dir in "${dirs[@]}"; do
  [ -d "$dir" ] || continue
  for file in "$dir"/*; do
    name="${file##*/}"
    [ -x "$file" ] && [ ! -d "$file" ] || continue
    [[ "$name" =~ $hidden ]] && continue
    # First hit on PATH wins, as the shell would resolve it.
    [ -e "$shadow/$name" ] || ln -s "$file" "$shadow/$name"
  done
done
echo "$shadow"
