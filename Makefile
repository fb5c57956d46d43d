# kaoping: build, demo and tests.  `make demo` and `make test` install the
# Debian packages they need first (apt-get, through sudo when not root).

CC      ?= gcc
PKGS    := flex bison libcjson-dev libcmocka-dev libopencc-dev libxlsxwriter-dev libzip-dev libexpat1-dev pkg-config gettext
# only for make test: the editors' check runs the Vim syntax file headless;
# the fuzz targets need clang and its libFuzzer runtime; some end-to-end
# cases make their large inputs with python3; the XLSX case unzips the
# workbook to read its cells; the memory cases take the peak from GNU time
TEST_PKGS := vim clang libclang-rt-14-dev python3 unzip man-db groff-base time
# only for the browser test of the HTML report (tests/browser/run), and
# installed only when it can be: without them the test says it is skipped;
# the CJK fonts make the screenshot show Chinese rather than boxes
BROWSER_PKGS := chromium fonts-noto-cjk
# only for the office test (tests/office/run): workbooks filled by openpyxl
# and saved again by LibreOffice; installed when they can be, else the test
# says which part is skipped
OFFICE_PKGS := python3-openpyxl libreoffice-calc-nogui
B       := build
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  ?= -O2 -g
# GCC's SLP vectorizer moves an exact decimal (Dec: two 64-bit integers,
# passed in two registers) through the stack into a vector register: two
# 8-byte stores read back by one 16-byte load, which the CPU cannot forward
# and stalls on, in most functions that take a Dec (jw_member_dec spent 65%
# of its samples there). Without it: tsv 0.87 and jsonl 0.93 of the time,
# same output (bench/README.md). TUNE= on the command line turns it back on.
TUNE    ?= -fno-tree-slp-vectorize
# where make install puts things (PREFIX, DESTDIR: see install below)
PREFIX  ?= /usr/local
LIBDIR  ?= $(PREFIX)/lib
# each folder of src/ is a stage (doc/architecture.md): its headers are found by name
ALL_CFLAGS = -std=c17 $(WARN) -D_POSIX_C_SOURCE=200809L $(addprefix -I,$(wildcard src/*/)) -Iinclude -I$(B) \
             -DKP_LOCALEDIR='"$(PREFIX)/share/locale"' \
             $(shell pkg-config --cflags libcjson 2>/dev/null) $(TUNE) $(CFLAGS)
# OpenCC, libxlsxwriter, libzip and expat are not linked: src/base/script.c
# and src/base/office_lib.c load them with dlopen when first needed (their
# -dev packages give the headers), so a run that reads and writes no
# workbook maps none of them, nor libcrypto, zlib and bzip2 behind them
LIBS    = $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson) -pthread -ldl
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

SRC     := $(wildcard src/*/*.c)
GEN     := $(B)/lexer.c $(B)/parser.c
MAIN_SRC := src/cli/main.c src/cli/main_years.c src/cli/usage.c
LIB_SRC := $(filter-out $(MAIN_SRC),$(SRC))
UNIT    := $(wildcard tests/unit/test_*.c)

.PHONY: fuzz fuzz-smoke
.SECONDARY:
.PHONY: all layers deps test-deps browser-deps office-deps demo run-demo test unit e2e browser office nolibs standards editors clean format pot messages acceptance
all: $(B)/kaoping

# --- install step: only what is missing, once ---------------------------
deps: $(B)/.deps
test-deps: $(B)/.test-deps
$(B)/.deps: PKGLIST = $(PKGS)
$(B)/.test-deps: PKGLIST = $(TEST_PKGS)
$(B)/.deps $(B)/.test-deps:
	@mkdir -p $(B)
	@missing=""; for p in $(PKGLIST); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi
	@touch $@
browser-deps: $(B)/.browser-deps
office-deps: $(B)/.office-deps
$(B)/.browser-deps: PKGLIST = $(BROWSER_PKGS)
$(B)/.browser-deps: WHAT = the browser test
$(B)/.office-deps: PKGLIST = $(OFFICE_PKGS)
$(B)/.office-deps: WHAT = parts of the office test
$(B)/.browser-deps $(B)/.office-deps:
	@mkdir -p $(B)
	@missing=""; for p in $(PKGLIST); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  { $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; } || \
	    echo "could not install$$missing: $(WHAT) will be skipped"; \
	fi
	@touch $@

# --- generated front end --------------------------------------------------
$(B)/parser.c $(B)/parser.h &: grammar/parser.y | $(B)/.deps
	bison -Wall -Wcounterexamples -Werror --header=$(B)/parser.h -o $(B)/parser.c $<
$(B)/lexer.c $(B)/lexer.h &: grammar/lexer.l $(B)/parser.h
	flex --header-file=$(B)/lexer.h -o $(B)/lexer.c $<

# --- objects: plain and sanitized -----------------------------------------
OBJ      := $(patsubst src/%.c,$(B)/obj/%.o,$(SRC)) $(B)/obj/lexer.o $(B)/obj/parser.o
SAN_OBJ  := $(patsubst $(B)/obj/%,$(B)/san/%,$(OBJ))
LIB_OBJ  := $(filter-out $(patsubst src/%.c,$(B)/san/%.o,$(MAIN_SRC)),$(SAN_OBJ))

$(B)/obj/%.o: src/%.c $(GEN) | $(B)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@
$(B)/obj/%.o: $(B)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-unused-function -c $< -o $@
$(B)/san/%.o: src/%.c $(GEN) | $(B)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -MMD -MP -c $< -o $@
$(B)/san/%.o: $(B)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -Wno-unused-function -c $< -o $@

# --- messages: po/LANG.po -> build/locale/LANG/LC_MESSAGES/kaoping.mo, found
# beside the binary (src/base/i18n.c). `make pot` extracts the English texts; the
# functions below translate their format argument themselves.
LANGS    := zh_CN zh_TW
MO       := $(foreach l,$(LANGS),$(B)/locale/$(l)/LC_MESSAGES/kaoping.mo)
XGETTEXT := xgettext --from-code=UTF-8 --language=C --keyword=date_literal:4 --keyword=check_const_number:4 \
            --keyword=expect_type:4 --keyword=check_number_expr:3 --keyword=check_condition:3 --add-comments=TRANSLATORS: --no-location \
            --keyword=_ --keyword=N_ --keyword=diag_at:6 --keyword=diag_file:5 --keyword=diag_label:3 \
            --keyword=diag_help:3 --keyword=check_err:4 --keyword=check_warn:4 --keyword=lex_error:4 \
            --keyword=unit_error:3 --keyword=unit_warning:3 --keyword=twice_error:4 --keyword=say:2 --keyword=diag_cli:2 --flag=diag_cli:2:c-format --keyword=err:4 --flag=err:4:c-format \
            --flag=diag_at:6:c-format --flag=diag_file:5:c-format --flag=diag_label:3:c-format \
            --flag=diag_help:3:c-format --flag=check_err:4:c-format --flag=check_warn:4:c-format \
            --flag=lex_error:4:c-format --flag=unit_error:3:c-format --flag=unit_warning:3:c-format \
            --flag=say:2:c-format --package-name=kaoping
$(B)/locale/%/LC_MESSAGES/kaoping.mo: po/%.po | $(B)/.deps
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<
# (the lexer's messages are taken out of its flex rules, which xgettext cannot read)
$(B)/kaoping.pot: $(SRC) grammar/parser.y grammar/lexer.l | $(B)/.deps
	@mkdir -p $(B)
	@grep -o 'lex_error(.*);' grammar/lexer.l > $(B)/lexer-messages.c
	$(XGETTEXT) -o $@ $(sort $(SRC)) grammar/parser.y $(B)/lexer-messages.c
pot: $(B)/kaoping.pot
	@for l in $(LANGS); do msgmerge --quiet --no-location --update --backup=none po/$$l.po $<; done
# every English text has a translation in each catalog, none fuzzy
messages: $(B)/kaoping.pot $(MO)
	@for l in $(LANGS); do \
	  msgcmp --use-untranslated po/$$l.po $(B)/kaoping.pot 2>&1 | head -20 | grep . && \
	    { echo "po/$$l.po lacks the texts above: run make pot and translate them"; exit 1; }; \
	  st=$$(msgfmt --statistics -o /dev/null po/$$l.po 2>&1); \
	  case "$$st" in *untranslated*|*fuzzy*) echo "po/$$l.po: $$st"; exit 1;; esac; \
	  echo "po/$$l.po: $$st"; done

$(B)/kaoping: $(OBJ) | $(MO)
	$(CC) $(ALL_CFLAGS) $^ $(LIBS) -o $@
$(B)/kaoping-san: $(SAN_OBJ) | $(MO)
	$(CC) $(ALL_CFLAGS) $(SAN) $^ $(LIBS) -o $@
$(B)/unit/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) $^ $(LIBS) -lcmocka -o $@

-include $(wildcard $(B)/obj/*/*.d $(B)/san/*/*.d $(B)/fuzzobj/*/*.d $(B)/pic/*/*.d)

# --- the two commands -----------------------------------------------------
# Both commands install first, then re-enter make so that pkg-config's flags
# are read after the packages exist.
demo: deps
	@$(MAKE) --no-print-directory run-demo

# the examples' tasks are dated for a day in the campaign (examples/README.md)
run-demo: $(B)/kaoping
	./$(B)/kaoping eval rules/2013.kp examples/*.json --as-of 2013-10-15 || [ $$? -eq 1 ]

unit: $(patsubst tests/unit/%.c,$(B)/unit/%,$(UNIT))
	@for t in $^; do echo "== $$t"; ./$$t || exit 1; done

e2e: $(B)/kaoping-san $(B)/kaoping
	@KAOPING=$(CURDIR)/$(B)/kaoping-san tests/e2e/run

# the HTML report in headless Chromium: screenshot, PDF, no console error,
# the totals of --format json (tests/browser/run; skipped without Chromium)
browser: $(B)/kaoping-san
	@KAOPING=$(CURDIR)/$(B)/kaoping-san tests/browser/run

# kaoping's workbooks filled by openpyxl and saved again by LibreOffice score
# as the same units in JSON (tests/office/run; each part skipped, saying so,
# without its tool)
office: $(B)/kaoping-san
	@KAOPING=$(CURDIR)/$(B)/kaoping-san tests/office/run

# without libxlsxwriter, libzip and expat (hidden in a mount namespace):
# JSON still scores, a workbook to write or read is one clear error
# (tests/nolibs/run; skipped where namespaces are not allowed)
nolibs: $(B)/kaoping-san
	@KAOPING=$(CURDIR)/$(B)/kaoping-san tests/nolibs/run

# The bundled standards: their own test cases (every item covered) and
# the canonical layout.
STANDARDS := $(filter-out %.tests.kp,$(wildcard rules/*.kp rules/*/*.kp))
standards: $(B)/kaoping-san
	@for f in $(filter-out rules/zh/%,$(STANDARDS)); do echo "== kaoping test --coverage $$f"; \
	  ./$(B)/kaoping-san test --coverage $$f || exit 1; done
	@./$(B)/kaoping-san fmt --check $(STANDARDS) $(wildcard rules/*.tests.kp) || \
	  { echo "these files are not in the canonical layout: run build/kaoping fmt on them"; exit 1; }

editors:
	@if [ -x editors/check.sh ]; then editors/check.sh; fi

# The acceptance cases of ../shared/acceptance (or $$ACCEPTANCE_DIR) that are
# encoded under tests/acceptance/CASE/std.kp, compared field by field with
# their expected.jsonl (tests/acceptance/README.md); skipped without them.
acceptance: $(B)/kaoping-san
	@KAOPING=$(CURDIR)/$(B)/kaoping-san python3 tests/acceptance/run
	@./$(B)/kaoping-san fmt --check $(wildcard tests/acceptance/*/*.kp) || \
	  { echo "these files are not in the canonical layout: run build/kaoping fmt on them"; exit 1; }

# --- fuzzing: libFuzzer targets (clang), with ASan and UBSan --------------
# make fuzz FUZZ_SECONDS=N runs each target N seconds on its corpus (kept in
# build/fuzz/); make test runs each briefly over the seeds and the inputs
# that once crashed (fuzz/regressions/, kept as regression tests).
FUZZ_CC      := clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ     := $(patsubst $(B)/obj/%,$(B)/fuzzobj/%,$(filter-out $(patsubst src/%.c,$(B)/obj/%.o,$(MAIN_SRC)),$(OBJ)))
FUZZ_TARGETS := $(B)/fuzz/fuzz_rules $(B)/fuzz/fuzz_load $(B)/fuzz/fuzz_eval $(B)/fuzz/fuzz_direct $(B)/fuzz/fuzz_xlsx \
                $(B)/fuzz/fuzz_revise
$(B)/fuzzobj/%.o: src/%.c $(GEN) | $(B)/.deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) -Wno-error $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@
$(B)/fuzzobj/%.o: $(B)/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) -Wno-error $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -Wno-unused-function -c $< -o $@
$(B)/fuzz/%: fuzz/%.c $(FUZZ_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) -Wno-error $(FUZZ_FLAGS) -fsanitize=fuzzer $^ $(LIBS) -o $@

# seeds: every rule file and every data file in the repository, and workbooks
$(B)/fuzz/seeds: $(FUZZ_TARGETS)
	@rm -rf $@ && mkdir -p $@/rules $@/data
	@for f in rules/*.kp rules/*/*.kp tests/e2e/*/*.kp tests/e2e/cases/*/*.kp editors/test/sample.kp; do \
	  cp "$$f" $@/rules/$$(echo "$$f" | tr / _); done
	@for f in examples/*.json rules/testdata/*.json tests/e2e/fixtures/*.json tests/e2e/cases/*/*.json \
	  tests/e2e/cases/*/*.csv tests/e2e/cases/*/*.CSV; do [ -f "$$f" ] && cp "$$f" $@/data/$$(echo "$$f" | tr / _); done; true
	@# fuzz_load reads a file after 0x01 as JSON Lines, after 0x02 as a CSV through the batch
	@for f in tests/e2e/cases/*/*.jsonl; do [ -f "$$f" ] && { printf '\001'; cat "$$f"; } >$@/data/$$(echo "$$f" | tr / _); done; true
	@for f in tests/e2e/cases/batch-*/*.csv; do [ -f "$$f" ] && { printf '\002'; cat "$$f"; } >$@/data/b_$$(echo "$$f" | tr / _); done; true
	@# fuzz_direct reads one unit as a line holds it: the bundled examples, each on one line
	@mkdir -p $@/lines && python3 -c 'import json,sys; [open(sys.argv[1] + "/" + f.replace("/", "_") + "l", "w").write(json.dumps(u, ensure_ascii=False) + "\n") for f in sys.argv[2:] for u in [json.load(open(f))] if isinstance(u, dict)]' $@/lines examples/*.json
	@# fuzz_xlsx: small workbooks stored uncompressed (fuzz/xlsx_seeds.py)
	@python3 fuzz/xlsx_seeds.py $@/xlsx
	@# fuzz_revise: each revision in the repository, its base named base.kp, a NUL, then the base
	@python3 fuzz/revise_seeds.py $@/revise
	@touch $@

fuzz: test-deps $(FUZZ_TARGETS) $(B)/fuzz/seeds
	@for t in rules load eval direct xlsx revise; do mkdir -p $(B)/fuzz/corpus-$$t; \
	  in=$$(case $$t in rules|xlsx|revise) echo $$t;; direct) echo lines;; *) echo data;; esac); \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  ./$(B)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/$$(case $$t in revise) echo rules;; *) echo $$in;; esac).dict \
	    -artifact_prefix=$(B)/fuzz/crash-$$t- -print_final_stats=1 \
	    $(B)/fuzz/corpus-$$t $(B)/fuzz/seeds/$$in fuzz/regressions/$$in > $(B)/fuzz/run-$$t.log 2>&1; \
	  st=$$?; grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss|==.*ERROR|SUMMARY)' $(B)/fuzz/run-$$t.log; \
	  if [ $$st -ne 0 ]; then echo "fuzz_$$t failed (status $$st): see $(B)/fuzz/run-$$t.log"; exit 1; fi; \
	done

# the short run of make test: every seed and regression input, then 5 s each
fuzz-smoke: test-deps $(FUZZ_TARGETS) $(B)/fuzz/seeds
	@for t in rules load eval direct xlsx revise; do \
	  in=$$(case $$t in rules|xlsx|revise) echo $$t;; direct) echo lines;; *) echo data;; esac); \
	  ./$(B)/fuzz/fuzz_$$t -runs=0 $(B)/fuzz/seeds/$$in fuzz/regressions/$$in >/dev/null 2>$(B)/fuzz/smoke-$$t.log || \
	    { cat $(B)/fuzz/smoke-$$t.log; exit 1; }; \
	  mkdir -p $(B)/fuzz/smoke-$$t && ./$(B)/fuzz/fuzz_$$t -max_total_time=5 -dict=fuzz/$$(case $$t in revise) echo rules;; *) echo $$in;; esac).dict \
	    -artifact_prefix=$(B)/fuzz/crash-$$t- $(B)/fuzz/smoke-$$t $(B)/fuzz/seeds/$$in >/dev/null 2>$(B)/fuzz/smoke-$$t.log || \
	    { tail -40 $(B)/fuzz/smoke-$$t.log; exit 1; }; \
	  echo "fuzz_$$t: seeds, regressions and 5 s of fuzzing: no crash"; \
	done

# no include cycle between the folders of src/, nor between the files of one
# (doc/architecture.md); tests/deps/check --graph prints the graph
layers:
	@python3 tests/deps/check

test: deps test-deps browser-deps office-deps
	@$(MAKE) --no-print-directory layers unit e2e messages browser office nolibs standards editors acceptance fuzz-smoke man embed

format:
	clang-format -i src/*/*.c src/*/*.h tests/unit/*.c

clean:
	rm -rf $(B)/obj $(B)/san $(B)/unit $(B)/fuzzobj $(B)/fuzz $(B)/kaoping $(B)/kaoping-san $(GEN) $(B)/*.h \
	  $(B)/pic $(B)/libkaoping.* $(B)/kaoping.pc $(B)/stage $(B)/embed

# --- bench ----------------------------------------------------------------
# make bench: kaoping against embedded CLIPS, GoRules Zen and the floor on a
# synthetic standard of real size (bench/README.md); writes bench/results.md.
# BENCH_ARGS passes options to bench/run (e.g. --million, --rounds 1).
.PHONY: bench
bench: deps
	@$(MAKE) --no-print-directory $(B)/kaoping
	@$(MAKE) --no-print-directory -C bench
	@python3 bench/run $(BENCH_ARGS)

# --- libkaoping: the engine as a C library (include/kaoping.h, doc/library.md)
# Static and shared, from every object but the command line's own. The
# shared one exports only the kp_ symbols (src/api/kaoping.map).
KP_SOVERSION := 1
KP_VERSION   := 1.0.0
PIC_OBJ  := $(patsubst $(B)/obj/%,$(B)/pic/%,$(filter-out $(patsubst src/%.c,$(B)/obj/%.o,$(MAIN_SRC)),$(OBJ)))
.PHONY: lib install uninstall man embed
lib: $(B)/libkaoping.a $(B)/libkaoping.so.$(KP_VERSION)

$(B)/pic/%.o: src/%.c $(GEN) | $(B)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -MMD -MP -c $< -o $@
$(B)/pic/%.o: $(B)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -Wno-unused-function -c $< -o $@
$(B)/libkaoping.a: $(PIC_OBJ)
	rm -f $@ && ar rcs $@ $^
$(B)/libkaoping.so.$(KP_VERSION): $(PIC_OBJ) src/api/kaoping.map
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,libkaoping.so.$(KP_SOVERSION) -Wl,--version-script=src/api/kaoping.map \
	  $(PIC_OBJ) $(LIBS) -o $@
# kaoping.pc is made at install time, for the PREFIX and LIBDIR of the install

# make install [PREFIX=/usr/local] [DESTDIR=staging]; make uninstall with the same.
DEST := $(DESTDIR)$(PREFIX)
INSTALL_FILES := bin/kaoping $(patsubst $(B)/%,lib/%,$(B)/libkaoping.a $(B)/libkaoping.so.$(KP_VERSION)) \
  lib/libkaoping.so.$(KP_SOVERSION) lib/libkaoping.so lib/pkgconfig/kaoping.pc include/kaoping.h \
  share/man/man1/kaoping.1 share/man/man7/kaoping-language.7 \
  $(foreach l,$(LANGS),share/locale/$(l)/LC_MESSAGES/kaoping.mo)
install: $(B)/kaoping lib $(MO)
	install -d $(DEST)/bin $(DESTDIR)$(LIBDIR)/pkgconfig $(DEST)/include $(DEST)/share/man/man1 $(DEST)/share/man/man7 \
	  $(DEST)/share/kaoping/editors
	install -m 755 $(B)/kaoping $(DEST)/bin/kaoping
	install -m 644 $(B)/libkaoping.a $(DESTDIR)$(LIBDIR)/libkaoping.a
	install -m 755 $(B)/libkaoping.so.$(KP_VERSION) $(DESTDIR)$(LIBDIR)/libkaoping.so.$(KP_VERSION)
	ln -sf libkaoping.so.$(KP_VERSION) $(DESTDIR)$(LIBDIR)/libkaoping.so.$(KP_SOVERSION)
	ln -sf libkaoping.so.$(KP_SOVERSION) $(DESTDIR)$(LIBDIR)/libkaoping.so
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@VERSION@|$(KP_VERSION)|g' kaoping.pc.in \
	  > $(DESTDIR)$(LIBDIR)/pkgconfig/kaoping.pc && chmod 644 $(DESTDIR)$(LIBDIR)/pkgconfig/kaoping.pc
	install -m 644 include/kaoping.h $(DEST)/include/kaoping.h
	install -m 644 doc/man/kaoping.1 $(DEST)/share/man/man1/kaoping.1
	install -m 644 doc/man/kaoping-language.7 $(DEST)/share/man/man7/kaoping-language.7
	for l in $(LANGS); do install -d $(DEST)/share/locale/$$l/LC_MESSAGES && \
	  install -m 644 $(B)/locale/$$l/LC_MESSAGES/kaoping.mo $(DEST)/share/locale/$$l/LC_MESSAGES/kaoping.mo; done
	cp -R editors/vim editors/vscode $(DEST)/share/kaoping/editors/
	cp editors/README.md $(DEST)/share/kaoping/editors/README.md
uninstall:
	rm -f $(DEST)/bin/kaoping $(DESTDIR)$(LIBDIR)/libkaoping.a $(DESTDIR)$(LIBDIR)/libkaoping.so.$(KP_VERSION) \
	  $(DESTDIR)$(LIBDIR)/libkaoping.so.$(KP_SOVERSION) $(DESTDIR)$(LIBDIR)/libkaoping.so \
	  $(DESTDIR)$(LIBDIR)/pkgconfig/kaoping.pc $(DEST)/include/kaoping.h \
	  $(DEST)/share/man/man1/kaoping.1 $(DEST)/share/man/man7/kaoping-language.7
	for l in $(LANGS); do rm -f $(DEST)/share/locale/$$l/LC_MESSAGES/kaoping.mo; done
	rm -rf $(DEST)/share/kaoping

# the man pages render, and say what the program and the language have:
# every command of `kaoping --help` and every English keyword of src/lang/lex.c
man: $(B)/kaoping
	@tests/man/check $(B)/kaoping

# examples/embed built against a staging install, found through pkg-config,
# linked both ways; its output compared with examples/embed/expected.txt
embed:
	@rm -rf $(B)/stage $(B)/embed
	@$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/$(B)/stage PREFIX=/usr >/dev/null
	@$(MAKE) --no-print-directory -C examples/embed B=$(CURDIR)/$(B)/embed \
	  PKG_CONFIG_PATH=$(CURDIR)/$(B)/stage/usr/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$(CURDIR)/$(B)/stage check

# ThreadSanitizer: the batch cases of tests/e2e on two threads (--jobs 2);
# clang's TSan build in build/tsan. Not in `make test` (a second full build,
# about a minute on the 2-core machine). libcjson is not instrumented: its
# global error pointer is serialized in src/data/load_json.c instead.
.PHONY: tsan
tsan:
	$(MAKE) B=$(B)/tsan CC=clang CFLAGS="-O1 -g -fsanitize=thread" $(B)/tsan/kaoping
	@KAOPING_TSAN=$(CURDIR)/$(B)/tsan/kaoping KAOPING=$(CURDIR)/tests/tsan/kaoping \
	    tests/e2e/run $(notdir $(wildcard tests/e2e/cases/batch-*)) rank-in-batch data-json-one-line-errors data-lines-quick-careful
