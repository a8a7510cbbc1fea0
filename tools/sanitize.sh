#!/usr/bin/env bash
# Runs the whole test suite against lib/TH, lib/THNN and the Cython binding built with
# AddressSanitizer and UndefinedBehaviorSanitizer (gcc), then a LeakSanitizer pass that reports
# only leaks allocated through libTH/libTHNN. Run from the repository root, in the venv:
#
#     tools/sanitize.sh              # build, phase 1 (ASan+UBSan), phase 2 (leaks), restore
#     tools/sanitize.sh test/test_shape.py test/test_thnn.py   # only these test files
#
# Environment: SANITIZE_NO_BUILD=1 reuses the sanitized build already in place;
# SANITIZE_KEEP=1 leaves it in place at the end (otherwise the normal DEBUG build is restored:
# a sanitized ptorch/_C cannot be imported without the runtime preloaded);
# SANITIZE_LOGS=dir keeps the logs there (default: a fresh temporary folder); MAX_JOBS as for
# setup.py (default 1).
#
# How it works:
# - The C libraries and ptorch/_C are compiled with -fsanitize=address,undefined and
#   float-cast-overflow, no recovery (the first UB report ends the process). The CMake build
#   folder is build/sanitize, apart from the normal one.
# - Python itself is not instrumented: the gcc runtimes are preloaded
#   (LD_PRELOAD="libasan.so libubsan.so"), PYTHONMALLOC=malloc routes Python's allocations
#   through ASan. Child processes (DataLoader workers, multiprocessing, the compiler run by the
#   ffi tests) inherit the preload.
# - ASan options: allocator_may_return_null=1 because some tests expect a huge malloc to fail
#   with MemoryError (ASan would abort); detect_stack_use_after_return=1.
# - Each test file runs in its own pytest process (one abort does not hide the others), with
#   --capture=sys so that sanitizer reports written to fd 2 reach the log.
# - test_dataloader.py::test_dead_worker_raises[11-SIGSEGV] kills a worker with SIGSEGV on
#   purpose; ASan's SEGV handler would turn that into SIGABRT, so that one case runs on its
#   own, still sanitized, with handle_segv=0.
# - Leaks (phase 2): LeakSanitizer at process exit. Python, NumPy and OpenBLAS leave much
#   allocated at exit and their stacks cannot be told apart by a suppression list (every TH
#   allocation made from Python also has Python frames), so OpenBLAS's own buffers are
#   suppressed (tools/lsan.supp) and the report keeps only leak records whose stack passes
#   through libTH.so or libTHNN.so. Leaks in forked children that end with os._exit are not
#   seen (LeakSanitizer runs at a normal exit).
set -uo pipefail

cd "$(dirname "$0")/.."
CC=${CC:-gcc}
JOBS=${MAX_JOBS:-1}
LOGS=${SANITIZE_LOGS:-$(mktemp -d -t ptorch-sanitize.XXXXXX)}
mkdir -p "$LOGS"
SAN_C="-fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=undefined,float-cast-overflow -fno-omit-frame-pointer"
SAN_LD="-fsanitize=address,undefined"
SEGV_TEST="test/test_dataloader.py::test_dead_worker_raises[11-SIGSEGV]"

build_sanitized() {
  echo "== building lib/TH, lib/THNN and ptorch/_C with sanitizers (build/sanitize)"
  CFLAGS="$SAN_C" LDFLAGS="$SAN_LD" \
  CMAKE_ARGS="-DCMAKE_C_FLAGS='$SAN_C' -DCMAKE_SHARED_LINKER_FLAGS='$SAN_LD'" \
    DEBUG=1 MAX_JOBS=$JOBS python setup.py -q build_ext --inplace --force \
    --build-temp build/sanitize >"$LOGS/build.log" 2>&1 ||
    { echo "sanitized build failed: see $LOGS/build.log"; exit 2; }
}

restore() {
  if [ -n "${SANITIZE_KEEP:-}" ]; then
    echo "== the sanitized build stays in place (SANITIZE_KEEP)"
    return
  fi
  echo "== restoring the normal DEBUG build"
  DEBUG=1 MAX_JOBS=$JOBS python setup.py -q build_ext --inplace --force \
    >"$LOGS/restore.log" 2>&1 || echo "restoring failed: see $LOGS/restore.log"
}

[ -z "${SANITIZE_NO_BUILD:-}" ] && build_sanitized

ASAN_RT=$($CC -print-file-name=libasan.so)
UBSAN_RT=$($CC -print-file-name=libubsan.so)
export LD_PRELOAD="$ASAN_RT $UBSAN_RT"
export PYTHONMALLOC=malloc
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
BASE_ASAN=abort_on_error=1:allocator_may_return_null=1:detect_stack_use_after_return=1

if [ $# -gt 0 ]; then files=("$@"); else files=(test/test_*.py); fi
failed=0

run_file() {  # phase name, ASAN_OPTIONS, pytest arguments...
  local phase=$1 opts=$2; shift 2
  local name=${1%%::*}
  name=${name##*/}
  name=${name%.py}
  ASAN_OPTIONS="$opts:log_path=$LOGS/$phase.asan" \
    python -m pytest -q -p no:cacheprovider --capture=sys "$@" >"$LOGS/$phase.$name.out" 2>&1
  local rc=$?
  if [ $rc -ne 0 ]; then
    echo "   $phase $* : pytest exit $rc (log $LOGS/$phase.$name.out)"
    failed=1
  fi
}

echo "== phase 1: ASan + UBSan (logs in $LOGS)"
for f in "${files[@]}"; do
  run_file p1 "detect_leaks=0:$BASE_ASAN" "$f" --deselect "$SEGV_TEST"
done
case " ${files[*]} " in
  *test_dataloader.py*) run_file p1segv "detect_leaks=0:handle_segv=0:$BASE_ASAN" "$SEGV_TEST" ;;
esac

echo "== phase 2: leaks through libTH/libTHNN"
export LSAN_OPTIONS="suppressions=$PWD/tools/lsan.supp:print_suppressions=0"
for f in "${files[@]}"; do
  run_file p2 "detect_leaks=1:exitcode=0:$BASE_ASAN" "$f" --deselect "$SEGV_TEST"
done
unset LD_PRELOAD

# Sanitizer reports: ASan errors from every process (log files), UB reports from pytest output.
errors=$(grep -l "ERROR: AddressSanitizer" "$LOGS"/p1*.asan.* "$LOGS"/p2.asan.* 2>/dev/null)
ub=$(grep -l "runtime error:" "$LOGS"/p1*.out "$LOGS"/p2*.out 2>/dev/null)
awk '/^(Direct|Indirect) leak of/ {if (keep) print blk; blk=$0 "\n"; keep=0; next}
     blk != "" {blk = blk $0 "\n"; if ($0 ~ /libTHN?N?\.so|lib\/TH/) keep=1}
     /^$/ {if (keep) print blk; blk=""; keep=0}
     END {if (keep) print blk}' "$LOGS"/p2.asan.* 2>/dev/null >"$LOGS/th_leaks.txt"
nleaks=$(grep -cE "^(Direct|Indirect) leak of" "$LOGS/th_leaks.txt")

echo "== summary"
echo "ASan errors: ${errors:-none}"
echo "UBSan reports: ${ub:-none}"
echo "leak records through libTH/libTHNN: $nleaks (see $LOGS/th_leaks.txt)"
[ -n "$errors$ub" ] || [ "$nleaks" -ne 0 ] && failed=1
restore
exit $failed
