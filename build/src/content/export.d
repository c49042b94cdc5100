build/src/content/export.o: src/content/export.c src/base/escape.h \
 src/base/buf.h src/base/err.h src/content/export.h src/store/store.h \
 src/content/article.h src/base/buf.h src/base/file.h \
 src/content/frontmatter.h src/content/article.h
src/base/escape.h:
src/base/buf.h:
src/base/err.h:
src/content/export.h:
src/store/store.h:
src/content/article.h:
src/base/buf.h:
src/base/file.h:
src/content/frontmatter.h:
src/content/article.h:
