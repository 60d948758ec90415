#!/usr/bin/env bash
# 第一条命令：在全新的 Debian 12 上安装缺少的软件包、编译 nianbao，并把示例年报生成到 out/。
# Installs the missing Debian packages (idempotent), builds into build/, and runs nianbao on
# the bundled examples. Run as root (or with sudo) from anywhere.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

packages=(
  # build (the tests' own needs — cmocka, clang for the sanitizer and fuzzing builds — are
  # installed by .ci/test.sh)
  cmake make gcc pkg-config
  libyaml-dev libcmark-dev libhpdf-dev libharfbuzz-dev libfontconfig-dev
  libxlsxwriter-dev
  zlib1g-dev
  libdeflate-dev # the PDF's compressed streams
  librsvg2-dev # the 图解 module (render -f graphic): the poster's SVG drawn as PDF and PNG
  libzip-dev libxml2-dev # Word (.docx) written and read, web pages read
  # fonts for the PDF: 宋 AR PL SungtiL GB, 楷 LXGW WenKai, 黑 WenQuanYi Micro Hei (the
  # defaults), and AR PL UMing / UKai / WenQuanYi Zen Hei for characters those lack
  fonts-arphic-gbsn00lp fonts-lxgw-wenkai fonts-wqy-microhei
  fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei
  # the sRGB colour profile the PDF/A output intent embeds
  icc-profiles-free
  # Latin letters and figures of the 宋 text: Liberation Serif (metric-compatible with Times)
  fonts-liberation
  # so that `man nianbao` and Tab completion work after the install below
  man-db bash-completion
)
# The font packages are also the Debian package's Depends (packaging/package.cmake).
source .ci/apt.sh
apt_install_missing 安装缺少的软件包 软件包已齐全 "${packages[@]}"

# where command one installs nianbao: NIANBAO_PREFIX=/opt/nianbao bash .ci/setup.sh to change it
prefix=${NIANBAO_PREFIX:-/usr/local}
if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi

echo "== 编译（几分钟）"
mkdir -p build
if ! { cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DBUILD_TESTING=OFF &&
  cmake --build build -j"$(nproc)"; } >build/setup-build.log 2>&1; then
  cat build/setup-build.log
  exit 1
fi
echo "   build/nianbao"

# The examples: checked and rendered quietly, then one line each (their warnings are about the
# published reports themselves, kept as published; see the header of each fixture).
examples=(fixtures/*.yaml)
echo "== 检查示例数据文件"
if ! lint_out=$(./build/nianbao lint fixtures/*.yaml); then
  echo "$lint_out"
  exit 1
fi
warnings=$(grep -c ': 警告\[' <<<"$lint_out" || true)
note=""
((warnings)) && note="（示例所依据的原文如此，照原文保留，见文件开头的注释；查看：build/nianbao lint fixtures/*.yaml）"
echo "   ${#examples[@]} 份示例数据文件，没有错误，${warnings} 个警告$note"
echo "== 生成示例年报到 out/"
if ! ./build/nianbao render -o out fixtures/*.yaml >build/setup-render.log 2>&1; then
  cat build/setup-render.log
  exit 1
fi
# files written are listed one a line, the unchanged ones counted in render's last line
written=$(grep -c '^已生成 ' build/setup-render.log || true)
same=$(sed -n 's/^\([0-9]*\) 个文件没有变化，未重写。$/\1/p' build/setup-render.log)
echo "   ${#examples[@]} 份年报的 .md .html .pdf .json（及其中的图表）共 $((written + ${same:-0})) 个文件"

echo "== 安装到 $prefix（程序 nianbao、说明书 man nianbao、bash 补全）"
$sudo cmake --install build --prefix "$prefix" >build/setup-install.log
case ":$PATH:" in
*":$prefix/bin:"*) ;;
*) echo "   注意：$prefix/bin 不在 PATH 中，请把它加入 PATH，或用 $prefix/bin/nianbao 运行" ;;
esac
echo "   $("$prefix/bin/nianbao" --version)。运行 nianbao --help 或 man nianbao 查看用法。"
