build/src/cli/cli.o: src/cli/cli.c src/cli/cli.h src/base/buf.h \
 src/base/err.h src/store/store.h src/content/article.h src/base/file.h \
 src/base/buf.h src/base/utf8.h
src/cli/cli.h:
src/base/buf.h:
src/base/err.h:
src/store/store.h:
src/content/article.h:
src/base/file.h:
src/base/buf.h:
src/base/utf8.h:
