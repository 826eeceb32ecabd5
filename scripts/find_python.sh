#!/bin/sh
# Prints the path of a Python interpreter >= 3.12 (3.13 preferred), or explains and fails.
# Order: $PYTHON, interpreters on PATH, then pyenv's installed versions (pyenv shims only
# answer for the selected version, so its versions folder is searched directly).
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for cand in "${PYTHON:-}" python3.13 python3.12 python3; do
  [ -n "$cand" ] || continue
  path=$(command -v "$cand" 2>/dev/null) || continue
  if ok "$path"; then echo "$path"; exit 0; fi
done
root=$( (pyenv root) 2>/dev/null || echo "$HOME/.pyenv")
for dir in $(ls -d "$root"/versions/3.13* "$root"/versions/3.12* 2>/dev/null | sort -r); do
  if ok "$dir/bin/python"; then echo "$dir/bin/python"; exit 0; fi
done
echo "Paspor needs Python 3.12 or newer (3.13 preferred) and found none." >&2
echo "Install one (e.g. 'pyenv install 3.13' or your system's python3.13 package)," >&2
echo "or point PYTHON at it: make run PYTHON=/path/to/python3.13" >&2
exit 1
