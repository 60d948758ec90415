# Sourced by setup.sh and test.sh: installs those of the given Debian packages that are missing.
# apt and dpkg talk a lot (thousands of lines for chromium and LibreOffice): their output goes
# to a log, shown only when something fails.
# usage: apt_install_missing "heading when some are missing" "line when none are (or empty)" PACKAGE...
apt_install_missing() {
  local heading=$1 complete=$2 missing=() p sudo= log
  shift 2
  for p; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    [ -z "$complete" ] || echo "== $complete"
    return 0
  fi
  echo "== $heading：${missing[*]}"
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  log=$(mktemp)
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log"
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}
