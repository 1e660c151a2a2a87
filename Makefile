# orgsim: one flat Makefile.  `make help` lists the targets.

VERSION    := 1.1.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/orgsim
MANDIR     ?= $(PREFIX)/share/man/man1
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
DESTDIR    ?=

CC         ?= cc
OPT        ?= -O2
SANITIZE   ?=
# GLib's flags are asked of pkg-config when a recipe first needs them, not
# when make reads this file: on a fresh machine `deps-check` installs GLib
# first (every compile waits for it), and the flags are read after that.
GLIB_CFLAGS = $(eval GLIB_CFLAGS := $(shell pkg-config --cflags glib-2.0 2>/dev/null))$(GLIB_CFLAGS)
GLIB_LIBS   = $(eval GLIB_LIBS := $(shell pkg-config --libs glib-2.0 2>/dev/null))$(GLIB_LIBS)

# A quiet build: one short line per file; `make V=1` shows the commands.
ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-5s %s\n' $(1) $(2)
endif

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wformat=2 -Wundef -Wpointer-arith -Wcast-align -Wno-unused-parameter
ifdef CI
WARN += -Werror
endif

CFLAGS  ?= $(OPT) -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Iinclude $(GLIB_CFLAGS) \
             -DOSIM_VERSION='"$(VERSION)"' -DOSIM_DATADIR='"$(DATADIR)"' -MMD -MP
ALL_LDFLAGS = $(LDFLAGS)
LIBS = $(GLIB_LIBS) -lm -lpthread

ifneq ($(SANITIZE),)
ALL_CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
ALL_LDFLAGS += -fsanitize=$(SANITIZE)
BUILD ?= build/san
else
BUILD ?= build/rel
# Link-time optimisation: the yearly pass calls into the random streams and
# the selection code of other files (the paper runs about 6% faster; the
# same bytes out).  `make LTO=` builds without it.
LTO ?= -flto=auto
ALL_CFLAGS  += $(LTO)
ALL_LDFLAGS += $(LTO)
endif

LIB_SRC  := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
LIB      := $(BUILD)/liborgsim.a
BIN      := orgsim
TEST_SRC := $(wildcard tests/test-*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
# The fuzz targets: tests/fuzz/fuzz-NAME.c, each with its corpus in
# tests/fuzz/corpus-NAME (the scenario loader's is tests/fuzz/corpus).
FUZZ_TARGETS := scenario shard
# Each target also builds, without a fuzzer, as a driver that make check runs
# over the target's corpus (tests/fuzz/driver.c).
FUZZ_DRIVERS := $(FUZZ_TARGETS:%=$(BUILD)/fuzz-driver-%)
DEPS     := $(LIB_OBJ:.o=.d) $(BUILD)/main.d $(TEST_BIN:=.d) $(FUZZ_DRIVERS:=.d)

.PHONY: FORCE print-deps deps-build all check unit golden demo bench format install uninstall clean help deps deps-check test-deps \
        memcheck fuzz docs-images
.DEFAULT_GOAL := all

all: deps-check $(BIN)

help:
	@echo "orgsim $(VERSION) targets:"
	@echo "  make            build ./orgsim"
	@echo "  make demo       build, run the workshop and paper scenarios, draw charts"
	@echo "  make check      every test (unit, golden, end-to-end, bad inputs, fuzz corpus)"
	@echo "  make bench      speed and memory: paper, workshop and million-person workloads"
	@echo "  make deps       install what building and testing need with apt, if missing"
	@echo "  make golden     regenerate tests/golden after an intended change of results"
	@echo "  make memcheck   valgrind memcheck of a small run"
	@echo "  make fuzz       libFuzzer on each target: the scenario loader, the shard reader"
	@echo "                  (clang; FUZZ_TIME=seconds each; FUZZ_TARGETS=\"scenario shard\")"
	@echo "  make format     clang-format every C file"
	@echo "  make install    install to \$$(DESTDIR)\$$(PREFIX) (PREFIX=$(PREFIX))"
	@echo "  make docs-images  regenerate the README's chart images under docs/"
	@echo "  make clean      remove build products"
	@echo "variables: SANITIZE=address,undefined  CI=1 (adds -Werror)  OPT=-O2  LTO= (no link-time optimisation)"

# ---- dependencies (Debian) ----
# To build and draw: GLib, pkg-config, gnuplot.  For make check: GNU parallel
# and a one-node Slurm (the scale-out tests; t-slurm.sh starts and stops its
# own munged, slurmctld and slurmd), groff (the man page test), pandas (the
# CSV test), Chromium and poppler's pdfinfo (the report opened in a real browser
# and printed).  Installed with apt when missing, with sudo when not root.  While
# apt runs, a policy-rc.d (unless one exists) keeps services from starting.
DEB_PKGS  := libglib2.0-dev pkg-config gnuplot-nox
TEST_PKGS := parallel groff-base python3-pandas slurmctld slurmd slurm-client munge chromium \
             poppler-utils locales
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  guard=""; if [ ! -e /usr/sbin/policy-rc.d ]; then guard=/usr/sbin/policy-rc.d; \
	    trap '$(SUDO) rm -f /usr/sbin/policy-rc.d' EXIT; trap 'exit 1' INT TERM HUP; \
	    printf '#!/bin/sh\nexit 101\n' | $(SUDO) tee $$guard >/dev/null && $(SUDO) chmod 755 $$guard; fi; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call apt_install,$(DEB_PKGS) $(TEST_PKGS))

# The Debian packages the README's commands install (CI purges them first).
print-deps:
	@echo $(DEB_PKGS) $(TEST_PKGS)

# Before building: what building and drawing need (not the test tools).
deps-check:
	@pkg-config --exists glib-2.0 2>/dev/null && command -v gnuplot >/dev/null || \
	  $(MAKE) --no-print-directory deps-build

deps-build:
	$(call apt_install,$(DEB_PKGS))

test-deps:
	$(call apt_install,$(TEST_PKGS))

# ---- build ----
# Objects are rebuilt when the flags change (PREFIX, SANITIZE, CI, ...): the
# flags of the last build are kept in $(FLAGS_FILE).
# The file is rewritten by a recipe (after deps-check), only when they differ.
FLAGS_FILE := $(BUILD)/.flags
$(FLAGS_FILE): FORCE | $(BUILD) deps-check
	@printf '%s\n' '$(subst ','\'',$(ALL_CFLAGS) $(ALL_LDFLAGS))' >$@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi
FORCE:

$(BUILD)/%.o: src/%.c $(FLAGS_FILE) | $(BUILD) deps-check
	$(call quiet,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	$(call quiet,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# ./orgsim is relinked when it last came from another build folder (a
# sanitizer build and a plain one share the name).
BIN_FROM := build/.bin-from
$(BIN_FROM): FORCE
	@mkdir -p build; echo '$(BUILD)' | cmp -s - $@ || echo '$(BUILD)' >$@

$(BIN): $(BUILD)/main.o $(LIB) $(BIN_FROM)
	$(call quiet,LD,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(BUILD)/main.o $(LIB) $(LIBS)

$(BUILD)/tests/%: tests/%.c $(LIB) $(FLAGS_FILE) | $(BUILD)/tests
	$(call quiet,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -Itests -o $@ $< $(LIB) $(LIBS)

# fuzz-check.h is named: -MMD records only one source's headers when two are given.
$(BUILD)/fuzz-driver-%: tests/fuzz/fuzz-%.c tests/fuzz/driver.c tests/fuzz/fuzz-check.h $(LIB) $(FLAGS_FILE) | $(BUILD)
	$(call quiet,CC,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< tests/fuzz/driver.c $(LIB) $(LIBS)

$(BUILD) $(BUILD)/tests:
	@mkdir -p $@

-include $(DEPS)

# ---- tests ----
# Unit tests (GTest, TAP), then the shell tests in tests/*.sh, each given the
# binary under test.  Every shell test exits non-zero on failure.
SH_TESTS := $(sort $(wildcard tests/t-*.sh))
check: all test-deps $(TEST_BIN) $(FUZZ_DRIVERS)
	@fail=0; for t in $(TEST_BIN); do \
	  echo "== $$t"; $$t --tap -q || fail=1; done; \
	for t in $(SH_TESTS); do \
	  echo "== $$t"; ORGSIM=$(CURDIR)/$(BIN) FUZZ_DRIVER=$(CURDIR)/$(BUILD)/fuzz-driver-scenario \
	    FUZZ_DRIVER_SHARD=$(CURDIR)/$(BUILD)/fuzz-driver-shard sh $$t || { echo "FAIL: $$t"; fail=1; }; done; \
	if [ $$fail = 0 ]; then echo "make check: all passed"; else echo "make check: FAILURES"; exit 1; fi

# Regenerates the golden files after a change that alters results on purpose;
# review `git diff tests/golden` before committing them.
golden: all
	REGEN=1 ORGSIM=$(CURDIR)/$(BIN) sh tests/t-golden.sh

unit: all $(TEST_BIN)
	@for t in $(TEST_BIN); do $$t --tap -q || exit 1; done

# ---- the main job ----
demo: all
	./$(BIN) run scenarios/workshop.ini -o results/workshop --plot --animate
	./$(BIN) run scenarios/pluchino2010.ini -o results/pluchino2010 --plot
	./$(BIN) robust scenarios/workshop.ini -o results/workshop-robust
	@echo
	@echo "charts: results/workshop/charts/  results/pluchino2010/charts/  results/workshop-robust/charts/"
	@# The handout with the robustness verdict, table and tornado chart.
	@printf 'workshop report: '; ./$(BIN) report results/workshop --robust results/workshop-robust

docs-images: all
	./$(BIN) run scenarios/workshop.ini -o results/workshop -q --plot --animate
	cp results/workshop/charts/efficiency.png docs/workshop-efficiency.png
	cp results/workshop/charts/orgchart.png docs/workshop-orgchart.png
	cp results/workshop/charts/orgchart.gif docs/workshop-orgchart.gif
	./$(BIN) report results/workshop
	@# The animation's last frame (drawn by orgsim as a PNG) and the handout in a browser.
	cp results/workshop/charts/orgchart-last.png docs/workshop-orgchart-anim.png
	rm -rf build/docs-profile && chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	  --disable-background-networking --disable-component-update --disable-sync \
	  --user-data-dir=build/docs-profile --window-size=1280,1000 \
	  --screenshot=$(CURDIR)/docs/workshop-report.png file://$(CURDIR)/results/workshop/report.html
	./$(BIN) run scenarios/pluchino2010-mix.ini -o results/pluchino2010-mix -q --plot
	cp results/pluchino2010-mix/charts/sweep.png docs/pluchino2010-mix-sweep.png
	./$(BIN) run scenarios/workshop.ini -o results/workshop-paper-start -q --plot --set org.start=paper
	cp results/workshop-paper-start/charts/competence.png docs/workshop-competence-paper-start.png
	./$(BIN) run scenarios/workshop.ini -o results/workshop-history -q --plot --set history.policy=best
	cp results/workshop-history/charts/competence.png docs/workshop-competence-history.png

bench: all
	sh tests/bench.sh ./$(BIN)

memcheck: all
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	  ./$(BIN) run tests/data/small.ini -o $(BUILD)/memcheck-out -r 3 -t 30 -j 2 -q

FUZZ_TIME ?= 600
# The library is compiled for the fuzzer into its own archive, so each target
# links only the modules it needs.  Each target runs FUZZ_TIME seconds, one
# after the other; findings land in $(FUZZ_OUT)/crashes.
FUZZ_OUT := build/fuzz
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all \
  -Iinclude $(GLIB_CFLAGS) -DOSIM_VERSION='"$(VERSION)"' -DOSIM_DATADIR='"$(DATADIR)"'
fuzz:
	mkdir -p $(FUZZ_OUT)/obj $(FUZZ_OUT)/crashes
	for s in $(LIB_SRC); do \
	  clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c $$s \
	    -o $(FUZZ_OUT)/obj/$$(basename $$s .c).o || exit 1; done
	rm -f $(FUZZ_OUT)/liborgsim.a
	ar rcs $(FUZZ_OUT)/liborgsim.a $(LIB_SRC:src/%.c=$(FUZZ_OUT)/obj/%.o)
	for t in $(FUZZ_TARGETS); do \
	  clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -o $(FUZZ_OUT)/fuzz-$$t \
	    tests/fuzz/fuzz-$$t.c $(FUZZ_OUT)/liborgsim.a $(GLIB_LIBS) -lm -lpthread || exit 1; done
	for t in $(FUZZ_TARGETS); do \
	  seeds=tests/fuzz/corpus-$$t; [ $$t = scenario ] && seeds=tests/fuzz/corpus; \
	  dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
	  mkdir -p $(FUZZ_OUT)/corpus-$$t; \
	  echo "== fuzz-$$t for $(FUZZ_TIME) s"; \
	  $(FUZZ_OUT)/fuzz-$$t -max_total_time=$(FUZZ_TIME) -timeout=5 -rss_limit_mb=2048 \
	    -max_len=8192 -print_final_stats=1 $$dict \
	    -artifact_prefix=$(FUZZ_OUT)/crashes/ $(FUZZ_OUT)/corpus-$$t $$seeds || exit 1; done

format:
	clang-format -i src/*.c include/orgsim/*.h tests/*.c tests/fuzz/*.c

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/plots $(DESTDIR)$(DATADIR)/scenarios $(DESTDIR)$(MANDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/$(BIN)
	install -m 644 plots/*.gp $(DESTDIR)$(DATADIR)/plots/
	install -m 644 scenarios/*.ini scenarios/*.csv $(DESTDIR)$(DATADIR)/scenarios/
	install -m 644 orgsim.1 $(DESTDIR)$(MANDIR)/orgsim.1
	install -d $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 completions/orgsim.bash $(DESTDIR)$(BASHCOMPDIR)/orgsim

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/$(BIN) $(DESTDIR)$(MANDIR)/orgsim.1 $(DESTDIR)$(BASHCOMPDIR)/orgsim
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build $(BIN)
