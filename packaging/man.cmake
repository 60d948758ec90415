# Writes the manual page nianbao(1) from the program's own help texts, so that `man nianbao`,
# `nianbao --help` and `nianbao help 命令` never disagree: the synopsis is `nianbao --help`, each
# command's section is `nianbao help 命令` verbatim (commands as listed by --help), the rule
# codes are the tables of README.md (检查规则一览). Run by the build after the program is linked:
#   cmake -DBIN=build/nianbao -DREADME=README.md -DOUT=build/nianbao.1 -DVERSION=0.1.0 -P man.cmake
# tests/t_man.sh reads the page back and compares it with the help texts.

# Verbatim text for a no-fill block: backslashes, minus signs and control characters at the
# start of a line (. and ') escaped.
function(nb_man_verbatim text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REPLACE "\n." "\n\\&." text "${text}")
  string(REPLACE "\n'" "\n\\&'" text "${text}")
  if(text MATCHES "^[.']")
    set(text "\\&${text}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Filled text: as verbatim, Markdown code marks dropped, and break points after Chinese
# punctuation (groff breaks lines only at spaces, and Chinese has few).
function(nb_man_filled text out)
  string(REPLACE "`" "" text "${text}")
  nb_man_verbatim("${text}" text)
  foreach(p "，" "、" "；" "：" "。" "）" "》" "”")
    string(REPLACE "${p}" "${p}\\:" text "${text}")
  endforeach()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(nb_run out)
  execute_process(COMMAND ${BIN} ${ARGN} OUTPUT_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "man.cmake: ${BIN} ${ARGN} failed (${rc})")
  endif()
  string(REGEX REPLACE "\n$" "" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

nb_run(usage --help)
string(REGEX MATCHALL "\n  [a-z]+  +" rows "${usage}")
set(commands "")
foreach(row IN LISTS rows)
  string(STRIP "${row}" name)
  list(APPEND commands "${name}")
endforeach()
if(NOT commands)
  message(FATAL_ERROR "man.cmake: no commands in `${BIN} --help`")
endif()

set(page ".\\\" nianbao(1), generated from the program's help texts by packaging/man.cmake\n")
string(APPEND page ".TH NIANBAO 1 \"\" \"nianbao ${VERSION}\" \"nianbao 使用说明\"\n")
string(APPEND page ".ad l\n.nh\n.SH 名称\nnianbao \\- 政府信息公开工作年度报告的数据检查和报告生成\n")
nb_man_verbatim("${usage}" text)
string(APPEND page ".SH 概要\n.nf\n${text}\n.fi\n")
nb_man_filled("年报的内容保存为一个 YAML 数据文件（一个机关一个年度一个文件，文件名如 2024-瓦窑沟乡人民政府.yaml）。\
nianbao 按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）逐项检查，\
自动计算所有总计，核对勾稽关系，再按国家格式生成 Markdown、HTML、PDF 和 JSON。\
错误信息写明文件、行、列、问题和改法。" text)
string(APPEND page ".SH 说明\n${text}\n")

string(APPEND page ".SH 命令\n")
foreach(cmd IN LISTS commands)
  nb_run(help help ${cmd})
  nb_man_verbatim("${help}" text)
  string(APPEND page ".SS \"nianbao ${cmd}\"\n.nf\n${text}\n.fi\n")
endforeach()

string(REGEX MATCH "退出码：[^\n]*" exits "${usage}")
nb_man_filled("${exits}" text)
string(APPEND page ".SH 退出码\n${text}\n.PP\n各命令的退出码见上面每个命令的说明。\n")

# rule codes: the rows "| NB201 | 错误 | … |" of README.md's tables
file(STRINGS ${README} rules ENCODING UTF-8 REGEX "^\\| NB[0-9]")
string(APPEND page ".SH 检查规则编号\n"
  "每条问题都有固定的编号。“错误”必须改正（退出码 1）；“警告”请核实后决定（加 \\-\\-strict 时也按不通过处理）。\n")
foreach(row IN LISTS rules)
  string(REGEX MATCH "^[|] ([^|]+) [|] ([^|]+) [|] (.*) [|]$" _ "${row}")
  nb_man_filled("${CMAKE_MATCH_3}" what)
  nb_man_verbatim("${CMAKE_MATCH_1}" code)
  string(APPEND page ".TP\n.B ${code}\n${CMAKE_MATCH_2}：\\:${what}\n")
endforeach()

# a tagged paragraph: TAG in FONT (B or I), then TEXT, both filled
function(nb_man_item font tag text)
  nb_man_verbatim("${tag}" tag)
  nb_man_filled("${text}" text)
  set(page "${page}.TP\n.${font} ${tag}\n${text}\n" PARENT_SCOPE)
endfunction()

string(APPEND page ".SH 文件\n")
nb_man_item(I "年度-机关名称.yaml" "一份年报的数据文件（UTF-8；GBK/GB18030 会自动转换并给出警告）。")
nb_man_item(I "PREFIX/share/nianbao/schemas/report-2021.schema.json"
  "数据文件的 JSON Schema（draft-07），与程序内置的相同。nianbao init 和 nianbao import 写出的文件第一行让编辑器（yaml-language-server）使用它。PREFIX 是安装位置：cmake --install 默认为 /usr/local，Debian 软件包为 /usr。")
nb_man_item(I "PREFIX/share/nianbao/templates/" "内置 Mustache 模板的副本，供复制后修改，用 --templates 指定。")
nb_man_item(I "PREFIX/lib/nianbao/nianbao-pdf.so" "生成 PDF 的模块，只有 render -f pdf 时才加载。")
nb_man_item(I "PREFIX/lib/nianbao/nianbao-xlsx.so" "写 Excel 工作簿的模块，只有 summary 写 summary.xlsx 时才加载。")
nb_man_item(I "PREFIX/share/bash-completion/completions/nianbao" "bash 的命令补全（命令、选项、-f 和 --level 的取值）。")
nb_man_item(I "out/" "nianbao render 默认的输出目录。")
string(APPEND page ".SH 环境变量\n")
nb_man_item(B "SOURCE_DATE_EPOCH" "PDF 的创建日期（秒数）；没有时取报告日期。同样的输入生成完全相同的文件。")
nb_man_item(B "NIANBAO_PDF_MODULE" "用指定的 nianbao-pdf.so 代替安装的模块。")
nb_man_item(B "NIANBAO_XLSX_MODULE" "用指定的 nianbao-xlsx.so 代替安装的模块。")

string(APPEND page ".SH 示例\n.nf\n"
  "nianbao init \\-\\-organ 瓦窑沟乡人民政府 \\-\\-level 乡镇 \\-\\-year 2025\n"
  "nianbao lint 2025\\-瓦窑沟乡人民政府.yaml\n"
  "nianbao lint \\-\\-previous 2024\\-瓦窑沟乡人民政府.yaml 2025\\-瓦窑沟乡人民政府.yaml\n"
  "nianbao render 2025\\-瓦窑沟乡人民政府.yaml\n"
  "nianbao render \\-f pdf \\-o 年报.pdf 2025\\-瓦窑沟乡人民政府.yaml\n"
  "nianbao next 2025\\-瓦窑沟乡人民政府.yaml\n"
  "nianbao import 已发布的报告.txt\n"
  ".fi\n")
nb_man_filled("git 提交前检查（pre-commit）、编辑器中的补全和检查：见 nianbao 源代码中的 README.md。" text)
string(APPEND page ".SH 参见\n${text}\n")

file(WRITE ${OUT}.tmp "${page}")
file(RENAME ${OUT}.tmp ${OUT})
