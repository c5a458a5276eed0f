#!/usr/bin/env bash
# Smoke test of the packaged studio (not part of mvn verify: it builds a ~400 MB image).
#   installer/smoke-test.sh [--no-build] [--deb]
# Builds the app-image (or reuses installer/out with --no-build), starts it under its own Xvfb display
# as a brand-new user (empty HOME), and checks: the main window appears (cold start timed; then a warm
# start, after JavaCPP has unpacked its native libraries), the bundled sample data is opened, the
# process is alive and logged no error, a screenshot (installer/out/smoke-*.png), and that Quit closes
# it cleanly and saved settings in the user's config folder. --deb also builds the .deb, checks its
# metadata and desktop entry, installs it, runs the same checks on /opt/kws-studio and removes it.
# Needs: xvfb, xdotool, imagemagick (apt-get install -y xvfb xdotool imagemagick fakeroot).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=installer/out
BUILD=1
DEB=0
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0 ;;
    --deb) DEB=1 ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done
for tool in Xvfb xdotool import; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y xvfb xdotool imagemagick" >&2; exit 2; }
done
if [ "$BUILD" = 1 ]; then
  if [ "$DEB" = 1 ]; then installer/build.sh deb; else installer/build.sh app-image; fi
fi

DISPLAY_NUM=:93
Xvfb $DISPLAY_NUM -screen 0 1600x1000x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$DISPLAY_NUM
FAIL=0

# start_app LAUNCHER HOME LABEL: starts, waits for the window, checks, screenshots, quits. Prints seconds to window.
check_launch() {
  local launcher=$1 home=$2 label=$3 log="$OUT/smoke-$3.log"
  local t0 t1 pid wid
  t0=$(date +%s.%N)
  # A new user: Java takes user.home from the passwd entry, not HOME, so set it too.
  # Started from the home folder, as a menu entry does, so only the bundled sample data can be found.
  (cd "$home" && HOME="$home" XDG_CONFIG_HOME='' JAVA_TOOL_OPTIONS="-Duser.home=$home" exec "$launcher") > "$log" 2>&1 &
  pid=$!
  wid=""
  for _ in $(seq 1 600); do
    wid=$(xdotool search --name "^KWS Studio" 2>/dev/null | head -1 || true)
    [ -n "$wid" ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.2
  done
  t1=$(date +%s.%N)
  if [ -z "$wid" ]; then
    echo "FAIL [$label]: no window within 120 s; log:" >&2; tail -20 "$log" >&2; FAIL=1; kill $pid 2>/dev/null || true; return
  fi
  local secs
  secs=$(python3 -c "print(f'{$t1 - $t0:.1f}')")
  # The studio opens the bundled sample data on a first start: the title then names it.
  local title=""
  for _ in $(seq 1 100); do
    title=$(xdotool getwindowname "$wid" 2>/dev/null || true)
    [[ "$title" == *sample-data* ]] && break
    sleep 0.2
  done
  sleep 2
  import -window root "$OUT/smoke-$label.png"
  if ! kill -0 $pid 2>/dev/null; then echo "FAIL [$label]: the process died" >&2; FAIL=1; return; fi
  [[ "$title" == *sample-data* ]] || { echo "FAIL [$label]: window title \"$title\" does not name the sample data" >&2; FAIL=1; }
  grep -q "Opened dataset .*/lib/sample-data: 600 clips" "$log" \
    || { echo "FAIL [$label]: the bundled sample data was not opened" >&2; grep "Opened dataset" "$log" >&2; FAIL=1; }
  if grep -E "ERROR|Exception" "$log" >/dev/null; then
    echo "FAIL [$label]: errors in the log:" >&2; grep -E "ERROR|Exception" "$log" | head -5 >&2; FAIL=1
  fi
  xdotool windowactivate --sync "$wid" 2>/dev/null || true
  xdotool key --window "$wid" ctrl+q
  for _ in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.2; done
  if kill -0 $pid 2>/dev/null; then echo "FAIL [$label]: still running 20 s after Quit" >&2; FAIL=1; kill $pid; return; fi
  wait $pid || { echo "FAIL [$label]: exit code $?" >&2; FAIL=1; }
  if ! grep -q sample-data "$home/.config/kws-studio/settings.json" 2>/dev/null; then
    echo "FAIL [$label]: no settings with the sample data in $home/.config/kws-studio" >&2; FAIL=1
  fi
  echo "$label: window after $secs s, sample data open, no errors, quit cleanly (screenshot $OUT/smoke-$label.png)"
}

run_checks() {
  local launcher=$1 prefix=$2
  local home
  home=$(mktemp -d)
  check_launch "$launcher" "$home" "$prefix-cold"
  check_launch "$launcher" "$home" "$prefix-warm"
  rm -rf "$home"
}

echo "app-image $OUT/kws-studio: $(du -sh $OUT/kws-studio | cut -f1)"
run_checks "$PWD/$OUT/kws-studio/bin/kws-studio" app-image

if [ "$DEB" = 1 ]; then
  deb=$(ls "$OUT"/kws-studio_*.deb | head -1)
  echo "deb $deb: $(du -h "$deb" | cut -f1)"
  dpkg-deb -I "$deb" | grep -E "Package|Version|Maintainer|Section|Description" | sed 's/^/  /'
  listing=$(dpkg-deb -c "$deb")
  grep -q "opt/kws-studio/bin/kws-studio" <<< "$listing" || { echo "FAIL [deb]: no launcher in the package" >&2; FAIL=1; }
  grep -q "opt/kws-studio/lib/sample-data/yes/" <<< "$listing" || { echo "FAIL [deb]: no sample data" >&2; FAIL=1; }
  # xdg-desktop-menu (run by the package's install script) needs the menu folders every desktop has.
  mkdir -p /usr/share/applications /usr/share/desktop-directories
  # apt resolves the package's dependencies (xdg-utils for the menu entry); plain dpkg where apt cannot.
  apt-get install -y "./$deb" >/dev/null 2>&1 || dpkg -i "$deb" >/dev/null
  desktop=$(ls /opt/kws-studio/lib/kws-studio-kws-studio.desktop 2>/dev/null || ls /usr/share/applications/*kws-studio*.desktop 2>/dev/null | head -1)
  if [ -n "$desktop" ]; then
    grep -E "^(Name|Exec|Icon|Categories)=" "$desktop" | sed 's/^/  /'
  else
    echo "FAIL [deb]: no desktop entry installed" >&2; FAIL=1
  fi
  run_checks /opt/kws-studio/bin/kws-studio deb
  dpkg --purge kws-studio >/dev/null
fi
[ "$FAIL" = 0 ] && echo "smoke test passed" || { echo "smoke test FAILED" >&2; exit 1; }
