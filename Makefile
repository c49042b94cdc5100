# Gazette: plain Makefile with pkg-config.
#
#   make            build build/gazette
#   make check      install what is missing, build, run every test
#   make demo       install what is missing, build, create the demo site
#   make bench      benchmarks (bench/)
#   make install    PREFIX=/usr/local DESTDIR=
#   make fuzz       build the fuzz targets (needs clang)

PREFIX   ?= /usr/local
DESTDIR  ?=
BUILD    ?= build
CC       ?= cc
PKGS      = sqlite3 yaml-0.1 md4c gumbo jansson libsodium libdeflate libxxhash \
            libmicrohttpd libmagic vips
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wno-unused-parameter
CFLAGS   ?= -O2 -g
SAN      ?=
DATADIR  ?= $(PREFIX)/share/gazette
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SAN) $(PKG_CFLAGS) \
             -DGAZETTE_DATADIR='"$(DATADIR)"' \
             -Isrc/base -Isrc/store -Isrc/content -Isrc/auth -Isrc/tmpl \
             -Isrc/publish -Isrc/cli -Isrc/search -Isrc/stats -Isrc/http \
             -Isrc/admin -Isrc/media -Isrc/check -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SAN)
LIBS      = $(PKG_LIBS) -lpthread -lm

LIB_SRC  := $(wildcard src/base/*.c src/store/*.c src/content/*.c src/auth/*.c \
              src/tmpl/*.c src/publish/*.c src/search/*.c src/stats/*.c \
              src/http/*.c src/admin/*.c src/media/*.c src/check/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
UNIT_SRC := $(wildcard test/unit/test_*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:test/unit/%.c=$(BUILD)/test/%)
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(BUILD)/fuzz/%)

.PHONY: all check unit unit-asan server-asan regress shell corpus-test demo bench \
        install uninstall clean fuzz fuzz-run fuzz-replay replay deps format \
        browser-deps browser-selftest browser browser-admin install-test

all: $(BUILD)/gazette

$(BUILD)/libgazette.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/gazette: $(CLI_OBJ) $(BUILD)/libgazette.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libgazette.a $(LIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/test/%: test/unit/%.c test/unit/unit.h test/unit/frontmatter_test.h \
    test/unit/workflow_model.h test/unit/image_test.h \
    test/unit/sanitize_test.h \
    $(BUILD)/libgazette.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itest/unit $(ALL_LDFLAGS) -o $@ $< \
	    $(BUILD)/libgazette.a $(LIBS) $(shell pkg-config --libs cmocka)

$(BUILD)/fuzz/%: fuzz/%.c fuzz/replay.c $(BUILD)/libgazette.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< fuzz/replay.c \
	    $(BUILD)/libgazette.a $(LIBS)

deps:
	@scripts/deps
	@scripts/editor-deps

unit: $(UNIT_BIN)
	@scripts/run-unit $(UNIT_BIN)

# The unit tests again under AddressSanitizer and UBSan, in their own tree.
unit-asan:
	@ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 $(MAKE) --no-print-directory BUILD=build/asan CFLAGS="-O1 -g" \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" unit

replay: $(FUZZ_BIN)
	@scripts/run-fuzz-replay $(FUZZ_BIN)

# Every saved fuzz input, replayed under AddressSanitizer and UBSan.
fuzz-replay:
	@ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 $(MAKE) \
	    --no-print-directory BUILD=build/asan CFLAGS="-O1 -g" \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" replay

# The server's own tests (the admin's API, search, counters, schedule)
# against a gazette built with AddressSanitizer and UBSan: a server that
# reports an error or a leak does not exit 0, and the test fails.
server-asan:
	@ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 $(MAKE) \
	    --no-print-directory BUILD=build/asan CFLAGS="-O1 -g" \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    build/asan/gazette
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	SUITE=server-asan scripts/run-shell build/asan/gazette \
	    test/shell/admin-api.sh test/shell/admin-content.sh \
	    test/shell/serve-dynamic.sh

regress: $(BUILD)/gazette
	@scripts/run-regress $(BUILD)/gazette

shell: $(BUILD)/gazette
	@scripts/run-shell $(BUILD)/gazette

corpus-test: $(BUILD)/gazette
	@test/corpus/import-10k $(BUILD)/gazette

install-test:
	@scripts/run-install-test

browser-deps:
	@scripts/browser-deps

browser-selftest: browser-deps
	@scripts/run-browser-selftest

# The demo site published into its own folder: one page of each type
# through the HTML validator and axe-core in Chromium.
BROWSER_SITE = build/browser-site
browser: browser-deps $(BUILD)/gazette
	@DEMO_SERVE=0 DEMO_SITE=$(BROWSER_SITE) scripts/demo $(BUILD)/gazette >/dev/null
	@node test/browser/check-pages.mjs --empty-response /api/ $(BROWSER_SITE)/public \
	    index.html en/index.html news/index.html en/news/index.html \
	    news/20260314-annual-congress.html \
	    en/news/riverside-association-opens-2026-annual-meeting.html \
	    404.html en/404.html

# The admin's journeys (log in, write, review, publish, refusals, hostile
# text) in Chromium against a real server.
browser-admin: browser-deps $(BUILD)/gazette
	@node test/browser/admin-journeys.mjs $(BUILD)/gazette

check: deps browser-deps
	@$(MAKE) --no-print-directory all
	@scripts/check-all $(MAKE)

demo: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo $(BUILD)/gazette

bench: deps
	@$(MAKE) --no-print-directory all
	@bench/import $(BUILD)/gazette
	@bench/build $(BUILD)/gazette
	@bench/serve $(BUILD)/gazette -n 100000

fuzz:
	@$(MAKE) --no-print-directory -f fuzz/Makefile

fuzz-run:
	@$(MAKE) --no-print-directory -f fuzz/Makefile run

install: $(BUILD)/gazette
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(DATADIR)/themes
	install -m 0755 $(BUILD)/gazette $(DESTDIR)$(PREFIX)/bin/gazette
	install -m 0644 man/gazette.1 $(DESTDIR)$(PREFIX)/share/man/man1/gazette.1
	cp -R themes/default themes/admin $(DESTDIR)$(DATADIR)/themes/
	rm -rf $(DESTDIR)$(DATADIR)/themes/default/samples \
	    $(DESTDIR)$(DATADIR)/themes/admin/samples

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/gazette $(DESTDIR)$(PREFIX)/share/man/man1/gazette.1
	rm -rf $(DESTDIR)$(DATADIR)

format:
	clang-format -i src/*/*.c src/*/*.h test/unit/*.c test/unit/*.h

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
