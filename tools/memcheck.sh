#!/usr/bin/env bash
# Runs test files under valgrind's memcheck and reports invalid accesses anywhere and leaks
# whose allocation stack passes through ptorch's C libraries (libTH, libTHNN).
# Usage: tools/memcheck.sh test/test_tensor.py [more pytest args]   (from an in-place build)
set -euo pipefail
log=$(mktemp)
PYTHONMALLOC=malloc valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite \
  --num-callers=30 --log-file="$log" python -m pytest -q -p no:cacheprovider "$@" || true
errors=$(grep -E "ERROR SUMMARY" "$log" | tail -1)
invalid=$(grep -cE "Invalid (read|write)|uninitialised|Conditional jump" "$log" || true)
th_leaks=$(awk '/definitely lost in/{blk=$0; keep=0; next} blk!="" && /libTH/ {keep=1}
               blk!="" && /^==[0-9]+== $/ {if (keep) print blk; blk=""; keep=0}' "$log" | wc -l)
echo "valgrind: $errors"
echo "invalid accesses or uninitialised reads: $invalid"
echo "definite leaks allocated through libTH/libTHNN: $th_leaks"
echo "full log: $log"
