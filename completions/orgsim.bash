# bash completion for orgsim(1): subcommands, options, policy names, scenario
# files and installed scenario names, section.key names after --set.
# Installed by `make install` into bash-completion's completions folder.

_orgsim_keys() {
  # Every scenario key as section.key, from `orgsim check` on an empty scenario.
  printf '[scenario]\n' | "$1" check /dev/stdin 2>/dev/null | awk '
    /^# resolved/ { exit }
    /^\[/ { sec = substr($0, 2, length($0) - 2); next }
    sec != "" && /^[a-z_]+=/ { split($0, a, "="); print sec "." a[1] }'
}

_orgsim() {
  local cur prev cmd i orgsim
  orgsim=${COMP_WORDS[0]}
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in -*) ;; *) cmd=${COMP_WORDS[i]}; break ;; esac
  done
  if [ -z "$cmd" ]; then
    COMPREPLY=($(compgen -W "run robust plot check merge compare report policies scenarios new help --version --help" -- "$cur"))
    return
  fi
  case $prev in
    -p|--policies)
      local pols prefix
      pols=$("$orgsim" policies 2>/dev/null | awk '/^Transfer/ { exit } /^  [a-z]/ { print $1 }')
      prefix=""
      case $cur in *,*) prefix=${cur%,*},; esac
      COMPREPLY=($(compgen -P "$prefix" -W "$pols" -- "${cur##*,}"))
      compopt -o nospace 2>/dev/null
      return ;;
    --set)
      local keys
      keys=$(_orgsim_keys "$orgsim")
      keys="$keys $(printf '%s\n' $keys | sed 's/^/sweep./')"
      COMPREPLY=($(compgen -S = -W "$keys" -- "$cur"))
      compopt -o nospace 2>/dev/null
      return ;;
    --format|-f)
      COMPREPLY=($(compgen -W "png svg pdf" -- "$cur")); return ;;
    -o|--out)
      COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -r|--runs|-t|--steps|-s|--seed|-j|--jobs|--shard)
      return ;;
  esac
  local opts=""
  case $cmd in
    run) opts="--out --runs --steps --seed --policies --jobs --set --shard --per-run --plot --format --quiet --stats --help" ;;
    check) opts="--runs --steps --seed --policies --set --help" ;;
    robust|report|new) opts=$("$orgsim" "$cmd" --help 2>/dev/null | sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p') ;;
    plot) opts="--format --help" ;;
    merge|compare) opts="--out --help" ;;
    help) COMPREPLY=($(compgen -W "run robust plot check merge compare report policies scenarios new" -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return
  fi
  case $cmd in
    run|check|robust)
      local names
      names=$("$orgsim" scenarios 2>/dev/null | awk 'NR > 1 { print $1 }')
      COMPREPLY=($(compgen -f -X '!*.ini' -- "$cur") $(compgen -d -- "$cur") $(compgen -W "$names" -- "$cur")) ;;
    plot|merge|compare|report)
      COMPREPLY=($(compgen -d -- "$cur")) ;;
  esac
}
complete -F _orgsim orgsim
