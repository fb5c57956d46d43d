" Vim filetype plugin: kaoping rule files (.kp)
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=//\ %s
setlocal comments=s1:/*,mb:*,ex:*/,://
setlocal formatoptions-=t formatoptions+=croql
" a word is what the lexer reads as a name: ASCII letters, digits, _ and
" non-ASCII characters (full-width punctuation stays outside, see syntax/kaoping.vim)
setlocal iskeyword=@,48-57,_,161-255

let b:undo_ftplugin = "setlocal commentstring< comments< formatoptions< iskeyword<"
