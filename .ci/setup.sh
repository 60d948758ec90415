#!/usr/bin/env bash
# 第一条命令：在全新的 Debian 12 上安装缺少的软件包、编译 nianbao，并把示例年报生成到 out/。
# Installs the missing Debian packages (idempotent), builds into build/, and runs nianbao on
# the bundled examples. Run as root (or with sudo) from anywhere.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

packages=(
  # build
  cmake make gcc clang libclang-rt-14-dev pkg-config
  libyaml-dev libcmark-dev libhpdf-dev libcmocka-dev libharfbuzz-dev libfontconfig-dev
  libxlsxwriter-dev
  zlib1g-dev
  librsvg2-dev # the 图解 module (render -f graphic): the poster's SVG drawn as PDF and PNG
  # fonts for the PDF: 宋 AR PL SungtiL GB, 楷 LXGW WenKai, 黑 WenQuanYi Micro Hei (the
  # defaults), and AR PL UMing / UKai / WenQuanYi Zen Hei for characters those lack
  fonts-arphic-gbsn00lp fonts-lxgw-wenkai fonts-wqy-microhei
  fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei
  # the sRGB colour profile the PDF/A output intent embeds
  icc-profiles-free
  # Latin letters and figures of the 宋 text: Liberation Serif (metric-compatible with Times)
  fonts-liberation
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "== 安装缺少的软件包：${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "== 软件包已齐全"
fi

echo "== 编译"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

echo "== 检查示例数据文件"
./build/nianbao lint fixtures/*.yaml
if ./build/nianbao help render >/dev/null 2>&1; then
  echo "== 生成示例年报到 out/"
  ./build/nianbao render -o out fixtures/*.yaml
  ls -l out/
fi
