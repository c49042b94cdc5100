build/src/content/import.o: src/content/import.c src/base/file.h \
 src/base/buf.h src/base/err.h src/content/frontmatter.h \
 src/content/article.h src/base/buf.h src/content/import.h \
 src/store/store.h src/content/article.h src/content/sanitize.h
src/base/file.h:
src/base/buf.h:
src/base/err.h:
src/content/frontmatter.h:
src/content/article.h:
src/base/buf.h:
src/content/import.h:
src/store/store.h:
src/content/article.h:
src/content/sanitize.h:
