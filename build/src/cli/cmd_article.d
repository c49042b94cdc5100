build/src/cli/cmd_article.o: src/cli/cmd_article.c \
 src/content/article_json.h src/content/article.h src/cli/cli.h \
 src/base/buf.h src/base/err.h src/store/store.h src/content/article.h \
 src/content/date.h src/content/sanitize.h src/base/utf8.h
src/content/article_json.h:
src/content/article.h:
src/cli/cli.h:
src/base/buf.h:
src/base/err.h:
src/store/store.h:
src/content/article.h:
src/content/date.h:
src/content/sanitize.h:
src/base/utf8.h:
