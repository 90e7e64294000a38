#!/usr/bin/env bash
# ceph-down.sh DIR — stop only the daemons that ceph-up.sh started in DIR (by their pid files),
# OSDs first (an OSD whose mon is already gone waits 5 s to say goodbye), then mgr, then mon;
# then remove DIR.
set -uo pipefail
DIR=${1:?usage: ceph-down.sh DIR}
DIR=$(cd "$DIR" 2>/dev/null && pwd) || { echo "no such dir: $1" >&2; exit 1; }
[ -f "$DIR/ceph.conf" ] || { echo "$DIR does not look like a ceph-up.sh dir" >&2; exit 1; }

# alive PID: the process exists and is not a zombie (state Z = exited but not yet reaped by
# PID 1, which in containers may take a while)
alive() { [ -r "/proc/$1/stat" ] && [ "$(sed -E 's/^.*\) (.).*$/\1/' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

# ours PID: a ceph daemon started with this DIR's ceph.conf (guards against stale pid files)
ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -qF -- "-c $DIR/ceph.conf"; }

n=0
for kind in osd mgr mon; do
  pids=()
  for f in "$DIR"/run/$kind.*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if [ -n "$pid" ] && ours "$pid"; then kill -TERM "$pid" 2>/dev/null && pids+=("$pid"); fi
  done
  for _ in $(seq 1 50); do            # up to 5 s, then SIGKILL (it is a throwaway cluster)
    left=0
    for pid in "${pids[@]}"; do alive "$pid" && left=1; done
    [ $left = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do alive "$pid" && { echo "SIGKILL $kind $pid"; kill -KILL "$pid"; }; done
  n=$((n + ${#pids[@]}))
done
rm -rf "$DIR"
echo "stopped $n daemon(s), removed $DIR"
