#!/usr/bin/env bash
# Build llama-cpp-python from source once per (version, CMAKE_ARGS) and install it.
#
# pip's wheel cache ignores CMAKE_ARGS, so a wheel built with -march=native (which dies
# with "Illegal instruction" on CPUs whose advertised AMX the sandbox forbids) would be
# silently reused. We therefore keep our own wheel directory keyed by version + flags and
# always build with --no-cache-dir.
set -euo pipefail
PY=${PY:-.venv/bin/python}
VERSION=${LLAMA_CPP_VERSION:-0.3.36}
: "${CMAKE_ARGS:=-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON}"
export CMAKE_ARGS
KEY=$(printf '%s|%s' "$VERSION" "$CMAKE_ARGS" | sha256sum | cut -c1-16)
# Keyed by version + flags, so a wheel built with other flags is never picked up; kept
# outside the checkout so fresh clones on the same machine reuse it.
WHEEL_DIR=${LLAMA_WHEEL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/blankspace-assistant/wheels/llama-cpp-$KEY}

installed=$("$PY" -c 'import importlib.metadata as m; print(m.version("llama_cpp_python"))' 2>/dev/null || true)
stamp=$("$PY" -c 'import sys; print(sys.prefix)')/.llama-cpp-key
if [[ "$installed" == "$VERSION" && -f "$stamp" && "$(cat "$stamp")" == "$KEY" ]]; then
  exit 0
fi
if ! ls "$WHEEL_DIR"/llama_cpp_python-*.whl >/dev/null 2>&1; then
  echo "building llama-cpp-python $VERSION with CMAKE_ARGS='$CMAKE_ARGS' (takes ~4 min on 2 cores)"
  mkdir -p "$WHEEL_DIR"
  CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)} \
    "$PY" -m pip wheel --no-cache-dir --no-deps -w "$WHEEL_DIR" "llama-cpp-python==$VERSION"
fi
"$PY" -m pip install -q --force-reinstall --no-deps --no-index --find-links "$WHEEL_DIR" "llama-cpp-python==$VERSION"
"$PY" -m pip install -q "llama-cpp-python==$VERSION"  # its pure-python deps (numpy, jinja2, ...)
echo "$KEY" > "$stamp"
