" Vim syntax file for argmap's .arg argument maps.
" Made by `python -m argmap.syntax.editors` from argmap's keyword tables: do not edit.
if exists("b:current_syntax")
  finish
endif

syn match   argComment   "#.*$" contains=@Spell
syn region  argString    start=+"+ skip=+\\\\\|\\"+ end=+"+ contains=argEscape,@Spell
syn match   argEscape    +\\[\\"]+ contained
syn match   argKind      "^\(thesis\|claim\|evidence\|counter\|hypothesis\|assumption\|question\)\>" nextgroup=argDefId skipwhite
syn match   argDefId     "\h[[:alnum:]_]*\([.-][[:alnum:]_]\+\)*" contained
syn match   argBlock     "^\(title\|description\|include\|source\|section\|expect\|argument\)\>"
syn keyword argRelation  supports attacks contradicts undercuts about answers rates
syn keyword argAttribute tags actors date credibility relevance inferred note cite premises scheme cq author url file reliability
syn keyword argConstant  weight under low medium high accepted supported rejected undecided leads grounded complete preferred stable
syn match   argGrade     "\<\(CC\|C\|N\|I\|II\|NA\)\>"
syn match   argDate      "\<\d\{1,4}\(-\d\{1,2}\)\{1,2}\>"
syn match   argArrow     "->"

hi def link argComment   Comment
hi def link argString    String
hi def link argEscape    SpecialChar
hi def link argKind      Structure
hi def link argDefId     Identifier
hi def link argBlock     Statement
hi def link argRelation  Keyword
hi def link argAttribute Type
hi def link argConstant  Constant
hi def link argGrade     Constant
hi def link argDate      Number
hi def link argArrow     Operator

let b:current_syntax = "arg"
