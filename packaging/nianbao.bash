# bash completion for nianbao(1): commands, each command's options, and the values of
# -f/--format, --level and --escape. Installed to share/bash-completion/completions/nianbao.
# tests/t_man.sh checks that the options listed here are those of `nianbao help 命令`.

_nianbao_options()
{
  case $1 in
  lint) echo "--strict --quiet --score --format --previous -j --jobs --schema --help" ;;
  render) echo "-f --format -o --output --templates --font-song --font-kai --font-hei --font-title --font-latin -j --jobs --help" ;;
  init) echo "--organ --level --year -o --force --help" ;;
  next) echo "-o --force --help" ;;
  import) echo "-o --force --help" ;;
  template) echo "--data --partials --escape --help" ;;
  schema) echo "--help" ;;
  summary) echo "--year --expect -o --output -j --jobs --help" ;;
  site) echo "-o --output --templates -j --jobs --help" ;;
  esac
}

_nianbao()
{
  local cur prev cmd
  COMPREPLY=()
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  local commands="lint render summary site init next import template schema help"
  if [ "$COMP_CWORD" -eq 1 ]; then
    mapfile -t COMPREPLY < <(compgen -W "$commands --help --version" -- "$cur")
    return
  fi
  cmd=${COMP_WORDS[1]}
  if [ "$cmd" = help ]; then
    [ "$COMP_CWORD" -eq 2 ] && mapfile -t COMPREPLY < <(compgen -W "${commands% help}" -- "$cur")
    return
  fi
  case $cmd:$prev in
  render:-f | render:--format)
    # a comma-separated list: complete the part after the last comma
    local done=${cur%"${cur##*,}"}
    mapfile -t COMPREPLY < <(compgen -P "$done" -W "md html pdf json docx graphic" -- "${cur##*,}")
    compopt -o nospace 2>/dev/null
    return ;;
  lint:--format) mapfile -t COMPREPLY < <(compgen -W "text json" -- "$cur"); return ;;
  template:--escape) mapfile -t COMPREPLY < <(compgen -W "html md none" -- "$cur"); return ;;
  init:--level)
    mapfile -t COMPREPLY < <(compgen -W "乡镇 街道 县级人民政府 县级部门 市级人民政府 市级部门 省级人民政府 省级部门 其他" -- "$cur")
    return ;;
  lint:--previous)
    mapfile -t COMPREPLY < <(compgen -W "auto" -- "$cur"; compgen -f -- "$cur")
    return ;;
  init:--organ | init:--year | summary:--year | *:-j | *:--jobs | *:--font-song | *:--font-kai | *:--font-hei | *:--font-title | *:--font-latin)
    return ;; # free text; font files are completed by the default below when cur has a /
  *:--templates | *:--partials | summary:-o | summary:--output | site:-o | site:--output)
    mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    compopt -o filenames 2>/dev/null
    return ;;
  *:-o | *:--output | *:--data | *:--schema | summary:--expect)
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    return ;;
  esac
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_nianbao_options "$cmd")" -- "$cur")
    return
  fi
  case $cmd in
  lint | render | next | summary | site)
    # data files, and folders to reach them
    mapfile -t COMPREPLY < <(compgen -d -- "$cur"; compgen -f -X '!*.@(yaml|yml|YAML|YML)' -- "$cur")
    compopt -o filenames 2>/dev/null ;;
  init | schema) ;;
  *)
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    compopt -o filenames 2>/dev/null ;;
  esac
}
complete -F _nianbao nianbao
