#!/usr/bin/env bash
# Fetch the Atom 1.0 RELAX NG grammar (RFC 4287 appendix B) from Debian's
# raptor2 source package into .cache/atom/, using a private apt state so
# nothing under /etc changes. The grammar is test material: never committed.
# Prints the path of atom.rnc, or exits non-zero when it cannot be had.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/.cache/atom"
if [ -f "$out/atom.rnc" ]; then echo "$out/atom.rnc"; exit 0; fi
state="$PWD/.cache/apt-src"
mkdir -p "$state/lists/partial" "$state/archives/partial" "$out"
# deb-src lines for the machine's own mirror and suite.
sources=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
uri=$(printf '%s\n' "$sources" | awk '/^URIs:/ {print $2; exit}')
suite=$(printf '%s\n' "$sources" | awk '/^Suites:/ {print $2; exit}')
if [ -z "$uri" ]; then
  line=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | head -n 1 || true)
  uri=$(printf '%s' "$line" | awk '{print $2}')
  suite=$(printf '%s' "$line" | awk '{print $3}')
fi
[ -n "$uri" ] && [ -n "$suite" ] || { echo "no apt mirror configured" >&2; exit 1; }
printf 'deb-src [trusted=yes] %s %s main\n' "$uri" "$suite" > "$state/sources.list"
apt=(-o "Dir::Etc::SourceList=$state/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state" -o "Debug::NoLocking=1")
# As root, download as root: the private folders are not `_apt`'s, and apt
# would otherwise warn that it falls back to that.
if [ "$(id -u)" -eq 0 ]; then apt+=(-o "APT::Sandbox::User=root"); fi
apt-get "${apt[@]}" -qq update >&2
work="$state/src"
mkdir -p "$work"
(cd "$work" && apt-get "${apt[@]}" -qq source --download-only raptor2 >&2)
tarball=$(ls "$work"/raptor2_*.orig.tar.* | head -n 1)
tar -xf "$tarball" -C "$work" --wildcards '*/tests/feeds/atom.rnc' '*/tests/feeds/atom.rng'
find "$work" -path '*/tests/feeds/atom.rn?' -exec cp {} "$out/" \;
echo "$out/atom.rnc"
