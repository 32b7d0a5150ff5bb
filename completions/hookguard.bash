# Bash completion for hookguard. HookGuard answers System.CommandLine's [suggest:POSITION] directive itself (in the
# NativeAOT build too), so no dotnet-suggest is needed. Install: source this file from ~/.bashrc, e.g.
#   mkdir -p ~/.local/share/bash-completion/completions && cp completions/hookguard.bash ~/.local/share/bash-completion/completions/hookguard
_hookguard() {
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$(hookguard "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
}
complete -o default -F _hookguard hookguard
