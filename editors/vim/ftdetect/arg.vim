autocmd BufRead,BufNewFile *.arg setfiletype arg
