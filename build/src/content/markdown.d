build/src/content/markdown.o: src/content/markdown.c src/base/escape.h \
 src/base/buf.h src/base/err.h src/content/markdown.h src/base/buf.h \
 src/base/utf8.h
src/base/escape.h:
src/base/buf.h:
src/base/err.h:
src/content/markdown.h:
src/base/buf.h:
src/base/utf8.h:
