build/src/content/sanitize.o: src/content/sanitize.c src/base/escape.h \
 src/base/buf.h src/base/err.h src/content/sanitize.h src/base/buf.h \
 src/base/utf8.h
src/base/escape.h:
src/base/buf.h:
src/base/err.h:
src/content/sanitize.h:
src/base/buf.h:
src/base/utf8.h:
