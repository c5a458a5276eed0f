#!/usr/bin/env bash
# Builds a Linux app-image of KWS Studio with jpackage (and a .deb with --deb).
# The app stays non-modular (nd4j-api's module descriptor is broken): the jars go on the class path
# and jpackage bundles a runtime made by jlink from the JDK's modules that the app and JavaFX use.
# Usage: installer/build.sh [--deb]      Output: installer/out/
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=0.1.0
OUT=installer/out
mvn -B -q package -DskipTests
rm -rf "$OUT" && mkdir -p "$OUT/input"
cp target/kws-studio.jar "$OUT/input/"
cp -r target/lib "$OUT/input/lib"
# A small runtime: the modules the app, JavaFX (class path), ND4J and logback need.
jlink --add-modules java.base,java.desktop,java.logging,java.management,java.sql,java.naming,java.xml,java.scripting,jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.zipfs \
      --strip-debug --no-header-files --no-man-pages --output "$OUT/runtime"
# JVM options: heap for large datasets. (JavaCPP unpacks its native libraries to ~/.javacpp/cache, per user.)
JAVA_OPTS=(--java-options '-Xmx4g')
jpackage --type app-image --name kws-studio --app-version "$VERSION" --vendor "KWS Studio" \
         --input "$OUT/input" --main-jar kws-studio.jar --main-class io.kwsstudio.Launcher \
         --runtime-image "$OUT/runtime" --icon installer/kws-studio.png "${JAVA_OPTS[@]}" --dest "$OUT"
cp -r sample-data "$OUT/kws-studio/lib/sample-data"
echo "app-image: $OUT/kws-studio ($(du -sh "$OUT/kws-studio" | cut -f1)); start it with $OUT/kws-studio/bin/kws-studio"
if [ "${1:-}" = "--deb" ]; then
  jpackage --type deb --name kws-studio --app-version "$VERSION" --vendor "KWS Studio" \
           --input "$OUT/input" --main-jar kws-studio.jar --main-class io.kwsstudio.Launcher \
           --runtime-image "$OUT/runtime" --icon installer/kws-studio.png "${JAVA_OPTS[@]}" \
           --linux-menu-group "AudioVideo;Audio;Development" --linux-shortcut --dest "$OUT"
  ls -la "$OUT"/*.deb
fi
