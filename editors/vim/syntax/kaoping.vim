" Vim syntax file
" Language:    kaoping rule language (考評標準規則), files *.kp
" Maintainer:  the kaoping project
" Reference:   doc/language.md; keywords from src/lang/lex.c (keywords[])
"
" Every keyword has three spellings, English, traditional and simplified
" Chinese, and a file may mix them; all are highlighted alike. The TextMate
" grammar in editors/vscode uses the same groups; the scope of each group is
" given in its comment.

if exists("b:current_syntax")
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match

" What is a word. The lexer reads a name as ASCII letters, digits, '_' and
" any non-ASCII character that is not punctuation; a keyword is a whole name.
" For characters above 255 Vim decides by Unicode class, whatever
" 'iskeyword' says: CJK ideographs are word characters, full-width and CJK
" punctuation (；，：（）、。“” ...) are not -- the lexer's split (they differ
" only on rare symbols: Vim counts U+2070-27FF, arrows and maths, as
" punctuation, the lexer as name characters).
" So `扣` is a keyword in `扣 2 每 次數` and in `扣（2）`, but not inside the
" name `扣分項目`. Set the Latin-1 part here so that a user's 'iskeyword'
" (say with '-') does not change what counts as a word.
" One difference: a number glued to a keyword, `2扣`, is one word to Vim (the
" lexer reads 2 then 扣), so that 扣 is not highlighted; write `2 扣`.
syn iskeyword @,48-57,_,161-255

" --- keywords ---------------------------------------------------------------

" Declarations, header, parts and their statements.    keyword.other
syn keyword kaopingStructure standard 標準 标准 year 年度 total 總分 总分
syn keyword kaopingStructure decimals 小數位 小数位 grade 等次
syn keyword kaopingStructure otherwise 其餘 其余 fail 不通過 不通过
syn keyword kaopingStructure sums 合計 合计 warn 僅警告 仅警告
syn keyword kaopingStructure kinds 單位類型 单位类型 fact 指標 指标
syn keyword kaopingStructure in 範圍 范围 default 默認 默认
syn keyword kaopingStructure category 類別 类别 group 子類 子类 item 項目 项目
syn keyword kaopingStructure bonus 加分項 加分项 penalty 罰分 罚分 veto 否決 否决
syn keyword kaopingStructure reason 理由 points 分值
syn keyword kaopingStructure responsible 責任單位 责任单位 applies 適用 适用
syn keyword kaopingStructure content 內容 内容 method 評分方法 评分方法
syn keyword kaopingStructure floor 下限
syn keyword kaopingStructure optional 選填 选填 require 要求 scaled 折算 weight 權重 权重
" Campaign time: phases, tasks, their date windows and completion.
syn keyword kaopingStructure phase 階段 阶段 task 任務 任务 from 自 to 至
syn keyword kaopingStructure due 截止 done 完成於 完成于 of 之
syn keyword kaopingStructure overlaps 可重疊 可重叠 inspection 驗收 验收
" revisions: a standard written as changes to an earlier one
syn keyword kaopingStructure revises 修訂自 修订自 remove 刪除 删除 replace 替換 替换 move 移動 移动 renames 原名 key 鍵名 键名
syn keyword kaopingStructure number 編號 编号
" named expressions: let NAME = EXPR;
syn keyword kaopingStructure let 定義 定义
syn keyword kaopingStructure output 輸出 输出 disqualify 取消資格 取消资格 worst 最低

" Test blocks (test "..." { kind ...; set ...; expect ...; }).  keyword.other.test
syn keyword kaopingTest test 測試 测试 set 設 设 expect 預期 预期
syn keyword kaopingTest kind 類型 类型 data 數據 数据 pass 通過 通过
syn keyword kaopingTest rectification 整改

" Scoring rules and their options.    keyword.control
syn keyword kaopingRule deduct 扣 add 加 score 得分 per 每
syn keyword kaopingRule below 低於 低于 above 高於 高于 when 若
syn keyword kaopingRule step 步長 步长 cap 上限
syn keyword kaopingRule started 進位 进位 completed 捨去 舍去 pro_rata 按比例
syn keyword kaopingRule tiers 分檔 分档 where 其中 distinct 不重複 不重复 it 該值 该值
syn keyword kaopingRule zero 不得分 adjust 加減 加减 after 之後 之后
" A task's deductions (late/missed deduct N from ITEM) and the rectification
" options (deadline D, final; deadline D; is also an item statement).
syn keyword kaopingRule late 逾期 missed 未完成 deadline 整改期限 final 不可整改

" if / then / else.    keyword.control.conditional
syn keyword kaopingConditional if 如果 then 則 则 else 否則 否则

" Types of facts.    storage.type
syn keyword kaopingType integer 整數 整数 decimal 小數 小数 percent 百分比
syn keyword kaopingType boolean 是否 date 日期 text 文本 enum 選項 选项
syn keyword kaopingType list 清單 清单

" Constants.    constant.language.boolean, constant.language.none
syn keyword kaopingBoolean true 是 false 否
syn keyword kaopingNone none 無 无

" Logical operators.    keyword.operator.logical
syn keyword kaopingOperator and 且 or 或 not 非

" Built-in functions, only before '(' (they are not reserved).    support.function
syn match kaopingFunction "\k\@4<!\%(min\|max\|round\|count\|share\|sum\|avg\|any\|all\|given\|fired\|rank_low\|rank\|peers\|best\|peer_max\|peer_min\|peer_mean\|ceil\|years\|months\|days\|year_of\|month\|day\)\ze\s*[(（]"

" --- punctuation and operators ----------------------------------------------
" ASCII and the full-width marks a Chinese input method types (read as their
" ASCII twins by the lexer).

" keyword.operator
syn match kaopingSymbol "==\|!=\|<=\|>=\|\.\.\|[<>+\-*/=＜＞＋－＊／＝]"
" punctuation.terminator / punctuation.separator
syn match kaopingDelimiter "[;,:；，：、。]"
" punctuation.section
syn match kaopingBracket "[(){}\[\]（）｛｝]"

" --- literals -----------------------------------------------------------------
" A literal never starts inside a name: `a1` and `會議1` are names (\k\@4<!
" looks one character back; 4 bytes cover any UTF-8 character).

" constant.numeric
syn match kaopingNumber "\k\@4<!\d\+\%(\.\d\+\)\="
" constant.numeric.percentage: 95%, 0.5%
syn match kaopingPercent "\k\@4<!\d\+\%(\.\d\+\)\=%"
" constant.other.date: 2013-07-01
syn match kaopingDate "\k\@4<!\d\{4}-\d\d-\d\d"

" string.quoted.double: one line, escapes \" \\ \n \t (and \ before any character)
syn region kaopingString start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ oneline contains=kaopingEscape
syn match kaopingEscape "\\." contained
" string.quoted.double.curly: “...”, one line, no escapes
syn region kaopingString start=+“+ end=+”+ end=+$+ oneline

" --- comments -------------------------------------------------------------
syn keyword kaopingTodo TODO FIXME XXX NOTE contained
" comment.line.double-slash
syn match kaopingComment "//.*$" contains=kaopingTodo,@Spell
" comment.block (does not nest)
syn region kaopingComment start="/\*" end="\*/" contains=kaopingTodo,@Spell

syn sync ccomment kaopingComment minlines=50

" --- default colours ------------------------------------------------------
hi def link kaopingStructure   Keyword
hi def link kaopingTest        Keyword
hi def link kaopingRule        Statement
hi def link kaopingConditional Conditional
hi def link kaopingType        Type
hi def link kaopingBoolean     Boolean
hi def link kaopingNone        Constant
hi def link kaopingOperator    Operator
hi def link kaopingFunction    Function
hi def link kaopingSymbol      Operator
hi def link kaopingDelimiter   Delimiter
hi def link kaopingBracket     Delimiter
hi def link kaopingNumber      Number
hi def link kaopingPercent     Float
hi def link kaopingDate        Constant
hi def link kaopingString      String
hi def link kaopingEscape      SpecialChar
hi def link kaopingComment     Comment
hi def link kaopingTodo        Todo

let b:current_syntax = "kaoping"

let &cpo = s:cpo_save
unlet s:cpo_save
