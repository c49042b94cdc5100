build/src/cli/cmd_convert.o: src/cli/cmd_convert.c src/cli/cli.h \
 src/base/buf.h src/base/err.h src/store/store.h src/content/article.h \
 src/content/markdown.h src/content/sanitize.h src/base/utf8.h
src/cli/cli.h:
src/base/buf.h:
src/base/err.h:
src/store/store.h:
src/content/article.h:
src/content/markdown.h:
src/content/sanitize.h:
src/base/utf8.h:
