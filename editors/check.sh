#!/bin/sh
# Check the editor support in editors/: the VS Code JSON files parse, every
# keyword spelling of src/lang/lex.c is in both grammars, and Vim and Neovim (each
# when installed) highlight rules/2013.kp and editors/test/sample.kp as
# editors/test/cases.tsv says. Offline, about a second. Exit status 1 on any
# failure.
#
# The TextMate grammar itself is checked by editors/test/tmgrammar.js, which
# needs npm packages; it runs here too when NODE_PATH finds them (see
# editors/README.md), and is skipped otherwise.
set -u
cd "$(dirname "$0")/.." || exit 1
fail=0

# 1. JSON
for f in editors/vscode/package.json editors/vscode/language-configuration.json \
         editors/vscode/syntaxes/kaoping.tmLanguage.json; do
    if python3 -m json.tool "$f" >/dev/null; then
        echo "ok: $f parses"
    else
        echo "FAIL: $f is not valid JSON"; fail=1
    fi
done

# 2. every keyword spelling in src/lang/lex.c (keywords[]) is in both grammars
python3 - <<'EOF' || fail=1
import json, re, sys
src = open("src/lang/lex.c", encoding="utf-8").read()
m = re.search(r"keywords\[\]\s*=\s*\{(.*?)\n\};", src, re.S)
if not m:
    print("FAIL: no keywords[] table in src/lang/lex.c"); sys.exit(1)
words = sorted(set(re.findall(r'"([^"]+)"', m.group(1))))
vim = open("editors/vim/syntax/kaoping.vim", encoding="utf-8").read()
vim_words = set()
for line in vim.splitlines():
    if line.startswith("syn keyword "):
        vim_words.update(w for w in line.split()[3:] if "=" not in w and w != "contained")
tm = json.load(open("editors/vscode/syntaxes/kaoping.tmLanguage.json", encoding="utf-8"))
tm_words = set()
for p in tm["repository"]["keywords"]["patterns"]:
    alt = re.match(r"\(\?:(.*?)\)\(\?!", p["match"]).group(1)
    tm_words.update(alt.split("|"))
bad = 0
for name, have in (("editors/vim/syntax/kaoping.vim", vim_words), ("kaoping.tmLanguage.json", tm_words)):
    missing = [w for w in words if w not in have]
    if missing:
        print("FAIL: %s lacks keywords of src/lang/lex.c: %s" % (name, " ".join(missing))); bad = 1
    else:
        print("ok: %s has all %d keyword spellings of src/lang/lex.c" % (name, len(words)))
sys.exit(bad)
EOF

# 3. the sample is kaoping that the checker accepts (when it is built)
if [ -x build/kaoping ]; then
    if msg=$(build/kaoping check editors/test/sample.kp 2>&1); then
        echo "ok: build/kaoping check editors/test/sample.kp"
    else
        echo "$msg" | sed 's/^/FAIL: /'; fail=1
    fi
else
    echo "skip: build/kaoping is not built; editors/test/sample.kp not checked"
fi

# 4. Vim and Neovim, headless, each one that is installed
vimcheck() { # NAME COMMAND...
    name=$1; shift
    out=$(mktemp) || exit 1
    LANG=C.UTF-8 $timeout "$@" -u NONE -i NONE -N --cmd 'set encoding=utf-8' \
        --cmd "let g:kp_out = '$out'" -S editors/test/check.vim </dev/null >/dev/null 2>&1
    rc=$?
    if [ $rc -eq 0 ] && [ -s "$out" ]; then
        echo "ok: $name: $(tail -n 1 "$out")"
    else
        sed "s/^/FAIL: $name: /" "$out"; [ -s "$out" ] || echo "FAIL: $name exited $rc without a report"
        fail=1
    fi
    rm -f "$out"
}
timeout=
command -v timeout >/dev/null 2>&1 && timeout="timeout 60"
vims=0
if command -v vim >/dev/null 2>&1; then vimcheck vim vim -Es; vims=1; fi
if command -v nvim >/dev/null 2>&1; then vimcheck nvim nvim --headless; vims=1; fi
[ $vims -eq 1 ] || echo "skip: neither vim nor nvim is installed"

# 5. TextMate, only when the npm packages are at hand (never installs them)
if command -v node >/dev/null 2>&1 &&
   node -e 'require.resolve("vscode-textmate"); require.resolve("vscode-oniguruma")' >/dev/null 2>&1; then
    if node editors/test/tmgrammar.js >"${TMPDIR:-/tmp}/kaoping-tm.$$" 2>&1; then
        echo "ok: $(tail -n 1 "${TMPDIR:-/tmp}/kaoping-tm.$$")"
    else
        sed 's/^/FAIL: /' "${TMPDIR:-/tmp}/kaoping-tm.$$"; fail=1
    fi
    rm -f "${TMPDIR:-/tmp}/kaoping-tm.$$"
else
    echo "skip: TextMate check (vscode-textmate and vscode-oniguruma not found; see editors/README.md)"
fi

exit $fail
