#!/usr/bin/env bash
# Installs the Debian packages the integration tests drive as real peers (mvn verify runs this
# before the integration tests). Each package is installed only when its command is missing, so
# a machine that has them pays nothing. Where nothing can be installed (not root, no apt-get),
# it says so once and the tests that need the tool skip with a message naming it.
set -u

# what the tests run (a command, or a path pattern) -> Debian package that provides it
declare -A TOOLS=(
  ['/usr/lib/postgresql/*/bin/initdb']=postgresql
  [chromium]=chromium
  [chromedriver]=chromium-driver
  [baresip]=baresip
  [sipp]=sip-tester
  # the benchmark's reference server; Debian's kamailio package ships the sca module itself
  # (kamailio-extra-modules holds none the benchmark loads)
  ['/usr/lib/*/kamailio/modules/sca.so']=kamailio
)

present() { command -v "$1" >/dev/null 2>&1 || compgen -G "$1" >/dev/null; }
missing=()
for tool in "${!TOOLS[@]}"; do
  present "$tool" || missing+=("${TOOLS[$tool]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-tools: cannot install ${missing[*]} (needs root and apt-get); tests that need them will skip"
  exit 0
fi
echo "install-test-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "install-test-tools: apt-get could not install ${missing[*]}; tests that need them will skip"
exit 0
