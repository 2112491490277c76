#!/usr/bin/env bash
# lanternctl as the leak scan runs it (LANTERN_DEMO_CTL): the real lanternctl,
# with each call's standard output and standard error also kept in files of
# their own under $LEAK_CTL_LOGS, named after the command. The scan reads every
# stderr file and every stdout file except those of `patient list|show`,
# whose output is what the user asked to see. Exit code and streams pass
# through unchanged; exec keeps the pid, so a service stopped with SIGTERM is
# lanternctl itself.
set -euo pipefail
: "${LEAK_CTL_REAL:?the real lanternctl}" "${LEAK_CTL_LOGS:?folder for the calls output}"
command=none
skip_next=
seen=0
for a in "$@"; do
    if [ -n "$skip_next" ]; then skip_next=; continue; fi
    case "$a" in
        --user|--vault) skip_next=1 ;;
        --*) ;;
        *)
            # The command and its subcommand name the file, never an argument (a path, an id).
            if [ "$seen" = 0 ]; then command="$a"; seen=1
            elif [[ "$a" =~ ^[a-z][a-z-]*$ ]]; then command="$command-$a"; break
            else break; fi ;;
    esac
done
name="$(date +%s%N)-$$-${command//[^a-z-]/_}"
exec "$LEAK_CTL_REAL" "$@" > >(tee "$LEAK_CTL_LOGS/$name.stdout") 2> >(tee "$LEAK_CTL_LOGS/$name.stderr" >&2)
