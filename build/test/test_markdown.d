build/test/test_markdown: test/unit/test_markdown.c src/base/buf.h \
 src/base/err.h src/content/markdown.h test/unit/unit.h
src/base/buf.h:
src/base/err.h:
src/content/markdown.h:
test/unit/unit.h:
