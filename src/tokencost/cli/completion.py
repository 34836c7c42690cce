"""
Shell completion scripts for bash, zsh and fish, written from the parser.

The scripts are generated from the argument parser itself, so every command,
option and choice the parser knows is completed, and a new option needs no
edit here. Option values with a fixed set of choices (``--format``) complete
to those choices; values that name a file (a metavar containing ``FILE``)
complete to paths; other values are left to the user.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["SHELLS", "completion_script", "register"]

#: The shells `completion_script` writes for.
SHELLS: tuple[str, ...] = ("bash", "zsh", "fish")


@attrs.frozen
class _Option:
    flags: tuple[str, ...]
    help: str
    takes_value: bool
    choices: tuple[str, ...]
    is_file: bool


@attrs.frozen
class _Command:
    name: str
    help: str
    options: tuple[_Option, ...]
    positional_choices: tuple[str, ...]
    positional_files: bool


def _clean(text: str | None) -> str:
    """Help text on one line, without the characters the shells quote."""
    text = (text or "").replace("%%", "%")
    text = re.sub(r"\(default: [^)]*\)", "", text)
    text = text.replace("'", "\N{RIGHT SINGLE QUOTATION MARK}")
    text = re.sub(r"[\[\]\"`$\\:]", "", text)
    return " ".join(text.split())


def _is_file(action: argparse.Action) -> bool:
    metavar = action.metavar if isinstance(action.metavar, str) else ""
    return "FILE" in metavar.upper()


def _option(action: argparse.Action) -> _Option:
    return _Option(
        flags=tuple(action.option_strings),
        help=_clean(action.help),
        takes_value=action.nargs != 0,
        choices=tuple(str(c) for c in action.choices or ()),
        is_file=_is_file(action),
    )


def _commands(parser: argparse.ArgumentParser) -> tuple[_Command, ...]:
    subparsers = next(
        a for a in parser._actions if isinstance(a, argparse._SubParsersAction)
    )
    helps = {a.dest: a.help for a in subparsers._choices_actions}
    commands = []
    for name, sub in subparsers.choices.items():
        options = tuple(
            _option(a)
            for a in sub._actions
            if a.option_strings and a.help != argparse.SUPPRESS
        )
        positionals = [a for a in sub._actions if not a.option_strings]
        choices = tuple(str(c) for a in positionals for c in (a.choices or ()))
        commands.append(
            _Command(
                name=name,
                help=_clean(helps.get(name)),
                options=options,
                positional_choices=choices,
                positional_files=any(_is_file(a) for a in positionals),
            )
        )
    return tuple(commands)


def _bash(commands: tuple[_Command, ...]) -> str:
    names = " ".join(c.name for c in commands)
    cases = []
    for command in commands:
        values = []
        for option in command.options:
            if not option.takes_value:
                continue
            flags = "|".join(option.flags)
            if option.choices:
                words = " ".join(option.choices)
                values.append(
                    f'            {flags}) COMPREPLY=($(compgen -W "{words}" '
                    '-- "$cur")); return ;;'
                )
            elif option.is_file:
                values.append(
                    f'            {flags}) COMPREPLY=($(compgen -f -- "$cur")); '
                    "return ;;"
                )
            else:
                values.append(f"            {flags}) return ;;")
        flags = " ".join(f for o in command.options for f in o.flags)
        if command.positional_choices:
            rest = f'compgen -W "{" ".join(command.positional_choices)}" -- "$cur"'
        elif command.positional_files:
            rest = 'compgen -f -- "$cur"'
        else:
            rest = ""
        body = "\n".join(values)
        cases.append(
            f"        {command.name})\n"
            f'            opts="{flags}"\n'
            f"            rest='{rest}'\n"
            f'            case "$prev" in\n{body}\n            esac\n'
            "            ;;"
        )
    return f"""\
# bash completion for tokencost; load with: source <(tokencost completion bash)
_tokencost() {{
    local cur prev cmd i opts rest
    cur="${{COMP_WORDS[COMP_CWORD]}}"
    prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    cmd=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${{COMP_WORDS[i]}}" in
            -*) ;;
            *) cmd="${{COMP_WORDS[i]}}"; break ;;
        esac
    done
    if [[ -z "$cmd" ]]; then
        COMPREPLY=($(compgen -W "{names} --help --version" -- "$cur"))
        return
    fi
    opts=""
    rest=""
    case "$cmd" in
{chr(10).join(cases)}
    esac
    if [[ "$cur" == -* || -z "$rest" ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(eval "$rest"))
    fi
}}
complete -o filenames -F _tokencost tokencost
"""


def _zsh_option(option: _Option) -> str:
    flags = option.flags
    spec = f"[{option.help}]" if option.help else ""
    if option.takes_value:
        if option.choices:
            spec += f":value:({' '.join(option.choices)})"
        elif option.is_file:
            spec += ":file:_files"
        else:
            spec += ":value: "
    if len(flags) == 1:
        return f"'{flags[0]}{spec}'"
    exclusive = " ".join(flags)
    return f"'({exclusive})'{{{','.join(flags)}}}'{spec}'"


def _zsh(commands: tuple[_Command, ...]) -> str:
    described = "\n".join(f"        '{c.name}:{c.help}'" for c in commands)
    cases = []
    for command in commands:
        specs = [_zsh_option(o) for o in command.options]
        if command.positional_choices:
            specs.append(f"'*:argument:({' '.join(command.positional_choices)})'")
        elif command.positional_files:
            specs.append("'*:file:_files'")
        lines = " \\\n                ".join(specs)
        cases.append(
            f"            {command.name})\n"
            f"                _arguments \\\n                {lines}\n"
            "                ;;"
        )
    return f"""\
#compdef tokencost
# zsh completion for tokencost; save as _tokencost in a folder on $fpath.
_tokencost() {{
    local -a commands
    commands=(
{described}
    )
    local context state line
    _arguments -C \\
        '(- *)--help[show help]' \\
        '(- *)--version[show the version]' \\
        '1:command:->command' \\
        '*::argument:->argument'
    case $state in
        command)
            _describe -t commands 'tokencost command' commands
            ;;
        argument)
            case $words[1] in
{chr(10).join(cases)}
            esac
            ;;
    esac
}}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _tokencost "$@"
else
    compdef _tokencost tokencost
fi
"""


def _fish(commands: tuple[_Command, ...]) -> str:
    lines = [
        "# fish completion for tokencost; save as "
        "~/.config/fish/completions/tokencost.fish",
        "complete -c tokencost -f",
        "complete -c tokencost -n __fish_use_subcommand -l help -d 'show help'",
        "complete -c tokencost -n __fish_use_subcommand -l version "
        "-d 'show the version'",
    ]
    for command in commands:
        lines.append(
            f"complete -c tokencost -n __fish_use_subcommand -a {command.name} "
            f"-d '{command.help}'"
        )
    for command in commands:
        when = f"-n '__fish_seen_subcommand_from {command.name}'"
        for option in command.options:
            parts = [f"complete -c tokencost {when}"]
            for flag in option.flags:
                if flag.startswith("--"):
                    parts.append(f"-l {flag[2:]}")
                else:
                    parts.append(f"-s {flag[1:]}")
            if option.takes_value:
                if option.choices:
                    parts.append(f"-x -a '{' '.join(option.choices)}'")
                elif option.is_file:
                    parts.append("-r -F")
                else:
                    parts.append("-x")
            if option.help:
                parts.append(f"-d '{option.help}'")
            lines.append(" ".join(parts))
        if command.positional_choices:
            lines.append(
                f"complete -c tokencost {when} "
                f"-a '{' '.join(command.positional_choices)}'"
            )
        elif command.positional_files:
            lines.append(f"complete -c tokencost {when} -F")
    return "\n".join(lines) + "\n"


_WRITERS: dict[str, Callable[[tuple[_Command, ...]], str]] = {
    "bash": _bash,
    "zsh": _zsh,
    "fish": _fish,
}


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    """
    The completion script of *parser*'s commands for *shell*.

    Args:
        parser: The top-level parser, with its subcommands registered.
        shell: ``bash``, ``zsh`` or ``fish``.
    """
    return _WRITERS[shell](_commands(parser))


def register(sub: Any, parser: argparse.ArgumentParser) -> None:
    """Add the ``completion`` subcommand, which writes *parser*'s script."""
    p = sub.add_parser(
        "completion",
        help="print a shell completion script for bash, zsh or fish",
        description="Print a completion script for SHELL on stdout; see "
        "docs/cli.md for where to install it.",
    )
    p.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash, zsh or fish")
    p.set_defaults(handler=lambda args: completion_script(parser, args.shell))
