build/src/cli/main.o: src/cli/main.c src/cli/cli.h src/base/buf.h \
 src/base/err.h src/store/store.h src/content/article.h
src/cli/cli.h:
src/base/buf.h:
src/base/err.h:
src/store/store.h:
src/content/article.h:
