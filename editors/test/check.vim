" Headless check of editors/vim (ftdetect and syntax); run by editors/check.sh:
"   vim -Es -u NONE -i NONE -N --cmd 'set encoding=utf-8' \
"       --cmd 'let g:kp_out = "OUT"' -S editors/test/check.vim
" For each case in editors/test/cases.tsv, opens the file (which must get
" filetype kaoping from ftdetect) and compares the syntax group at the case's
" place. Writes one line per failure and a summary to g:kp_out; exits
" non-zero (:cquit) when anything is wrong.

let s:root = fnamemodify(expand('<sfile>:p:h'), ':h:h')
execute 'set runtimepath^=' . fnameescape(s:root . '/editors/vim')
filetype on
syntax on

let s:errors = []
let s:checked = 0
let s:file = ''

for s:case in readfile(s:root . '/editors/test/cases.tsv')
  if s:case =~# '^#' || s:case =~# '^\s*$'
    continue
  endif
  let s:fields = split(s:case, "\t", 1)
  if len(s:fields) != 4
    call add(s:errors, 'cases.tsv: not FILE<TAB>CONTEXT<TAB>NEEDLE<TAB>GROUP: ' . s:case)
    continue
  endif
  let [s:name, s:ctx, s:needle, s:group] = s:fields
  if s:name !=# s:file
    let s:file = s:name
    execute 'silent edit ' . fnameescape(s:root . '/' . s:file)
    if &filetype !=# 'kaoping'
      call add(s:errors, s:file . ': filetype is "' . &filetype . '", not kaoping (ftdetect)')
    endif
  endif
  let s:want = s:group ==# '-' ? '' : 'kaoping' . s:group
  let s:lnum = 0
  for s:n in range(1, line('$'))
    if stridx(getline(s:n), s:ctx) >= 0
      let s:lnum = s:n
      break
    endif
  endfor
  let s:off = stridx(s:ctx, s:needle)
  if s:lnum == 0 || s:off < 0
    call add(s:errors, printf('%s: bad case: no line contains "%s", or "%s" is not in it', s:file, s:ctx, s:needle))
    continue
  endif
  let s:col = stridx(getline(s:lnum), s:ctx) + s:off + 1
  let s:got = synIDattr(synID(s:lnum, s:col, 1), 'name')
  let s:checked += 1
  if s:got !=# s:want
    call add(s:errors, printf('%s:%d:%d: "%s" in "%s": got %s, want %s', s:file, s:lnum, s:col, s:needle,
          \ s:ctx, s:got ==# '' ? '(none)' : s:got, s:want ==# '' ? '(none)' : s:want))
  endif
endfor

call writefile(s:errors + [printf('vim syntax: %d checks, %d failures', s:checked, len(s:errors))], g:kp_out)
if empty(s:errors) && s:checked > 0
  qall!
endif
cquit!
