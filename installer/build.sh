#!/usr/bin/env bash
# Builds KWS Studio's desktop package with the JDK's jlink and jpackage.
#   installer/build.sh [app-image|deb|rpm|msi|dmg|pkg] [--no-maven]     (default: app-image; output in installer/out/)
# Linux: app-image and deb (fakeroot, dpkg-dev) or rpm (rpm-build). Windows: msi or exe (WiX 3 on the PATH),
# run from Git Bash. macOS: dmg or pkg. Each OS builds its own package: the native ND4J/OpenBLAS jars are
# per platform, so build on the target OS with that OS's classifiers (see installer/README.md).
# The app stays non-modular (nd4j-api's module descriptor is broken): the jars go on the class path and
# jpackage bundles a runtime that jlink makes from the JDK modules the app, JavaFX and ND4J use.
set -euo pipefail
cd "$(dirname "$0")/.."
TYPE=${1:-app-image}
NO_MAVEN=${2:-}
VERSION=0.1.0
NAME=kws-studio
OUT=installer/out

case "$(uname -s)" in
  Linux*) OS=linux ;;
  Darwin*) OS=mac ;;
  MINGW*|MSYS*|CYGWIN*) OS=windows ;;
  *) echo "unsupported OS $(uname -s)" >&2; exit 2 ;;
esac

if [ "$NO_MAVEN" != "--no-maven" ]; then
  mvn -B -q package -DskipTests
fi
rm -rf "${OUT:?}/input" "${OUT:?}/runtime" "${OUT:?}/$NAME" && mkdir -p "$OUT/input"
cp target/kws-studio.jar "$OUT/input/"
cp -r target/lib "$OUT/input/lib"

# A small runtime: the modules the app, JavaFX (on the class path), ND4J and logback need.
jlink --add-modules java.base,java.desktop,java.logging,java.management,java.sql,java.naming,java.xml,java.scripting,jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.zipfs \
      --strip-debug --no-header-files --no-man-pages --output "$OUT/runtime"

# JVM options: half the machine's memory for the heap (large datasets, feature caches); ND4J's native
# memory is outside the heap. JavaCPP unpacks its native libraries once per user to ~/.javacpp/cache.
COMMON=(--name "$NAME" --app-version "$VERSION" --vendor "KWS Studio" --copyright "KWS Studio contributors"
        --description "Build small-footprint keyword-spotting models end to end"
        --input "$OUT/input" --main-jar kws-studio.jar --main-class io.kwsstudio.Launcher
        --runtime-image "$OUT/runtime" --java-options '-XX:MaxRAMPercentage=50' --dest "$OUT")

case "$OS" in
  linux) ICON=installer/kws-studio.png ;;
  mac) ICON=installer/kws-studio.icns ;;      # make it with: iconutil -c icns (see README)
  windows) ICON=installer/kws-studio.ico ;;   # make it with: magick kws-studio.png kws-studio.ico
esac
[ -f "$ICON" ] && COMMON+=(--icon "$ICON")

# The sample data goes with the app: the studio opens it on first start.
jpackage --type app-image "${COMMON[@]}"
APPDIR="$OUT/$NAME/lib"
[ "$OS" = mac ] && APPDIR="$OUT/$NAME.app/Contents/app"
cp -r sample-data "$APPDIR/sample-data"
echo "app-image: $OUT/$NAME ($(du -sh "$OUT/$NAME"* | head -1 | cut -f1))"

if [ "$TYPE" != app-image ]; then
  EXTRA=()
  case "$TYPE" in
    deb) EXTRA=(--linux-menu-group "AudioVideo;Audio;Development;" --linux-shortcut --linux-app-category sound
                --linux-package-name "$NAME" --linux-deb-maintainer "kws-studio@example.org") ;;
    rpm) EXTRA=(--linux-menu-group "AudioVideo;Audio;Development;" --linux-shortcut --linux-package-name "$NAME") ;;
    msi|exe) EXTRA=(--win-menu --win-menu-group "KWS Studio" --win-shortcut --win-dir-chooser) ;;
    dmg|pkg) EXTRA=(--mac-package-name "KWS Studio") ;;
  esac
  [ -f "$ICON" ] && EXTRA+=(--icon "$ICON")
  # Package from the finished app-image, so the sample data is inside.
  jpackage --type "$TYPE" --name "$NAME" --app-version "$VERSION" --vendor "KWS Studio" \
           --description "Build small-footprint keyword-spotting models end to end" \
           --app-image "$OUT/$NAME" --dest "$OUT" "${EXTRA[@]}"
  ls -la "$OUT"/*."$TYPE"
fi
