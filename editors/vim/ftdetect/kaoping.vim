" kaoping rule files (考評標準)
autocmd BufRead,BufNewFile *.kp setfiletype kaoping
