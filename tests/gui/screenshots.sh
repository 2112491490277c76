#!/bin/sh
# Builds the screenshot tool, renders every screen and printout of a
# synthetic ward (English and German) under xvfb, and turns the PDFs into
# PNGs: build/screenshots/*.png
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$here/build}
out=${OUT_DIR:-$here/build/screenshots}
[ -f "$build/build.ninja" ] || cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$build" lantern lantern_screenshots
mkdir -p "$out"
rm -f "$out"/*.png "$out"/*.pdf
for lang in en de; do
    xvfb-run -a -s "-screen 0 1600x1000x24" "$build/tests/gui/lantern_screenshots" "$out" "$lang"
done
for pdf in "$out"/*.pdf; do
    pdftoppm -png -r 70 "$pdf" "${pdf%.pdf}"
done
ls "$out"
