# Sourced by scripts that compile the files of Sources/BrowserModel with swiftc directly (scripts/fuzz,
# scripts/bench-parsers): the C parts the model links, as SwiftPM builds them for the package.
#
#   browser_model_deps BUILD_DIR [CC_FLAGS...]
# (from the tree in $model_root when set, else this repository)
# compiles Sources/CIDNA/idna.c into BUILD_DIR and sets the arrays `model_includes` (the swiftc
# flags that find the CIDNA and CGLib modules), `model_links` (those that link CIDNA's object,
# GLib and ICU) and `model_deps` (both).
browser_model_deps() {
    local build="$1"; shift
    local root="${model_root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
    mkdir -p "$build"
    if [[ ! -f "$build/idna.o" ]] || [[ "$root/Sources/CIDNA/idna.c" -nt "$build/idna.o" ]]; then
        # (The Swift toolchain's clang, whose sanitizers are swiftc's; the system's cc, often GCC, has no
        # -fsanitize=fuzzer-no-link.)
        "$(command -v clang || echo cc)" -O2 -c "$@" -I "$root/Sources/CIDNA/include" "$root/Sources/CIDNA/idna.c" -o "$build/idna.o"
    fi
    model_includes=(-I "$root/Sources/CIDNA/include" -I "$root/Sources/CGLib")
    local flag
    for flag in $(pkg-config --cflags glib-2.0); do model_includes+=(-Xcc "$flag"); done
    model_links=("$build/idna.o" -licuuc -lglib-2.0)
    model_deps=("${model_includes[@]}" "${model_links[@]}")
}
