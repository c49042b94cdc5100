build/src/content/frontmatter.o: src/content/frontmatter.c \
 src/content/date.h src/base/buf.h src/base/err.h src/base/escape.h \
 src/base/buf.h src/content/frontmatter.h src/content/article.h \
 src/base/utf8.h
src/content/date.h:
src/base/buf.h:
src/base/err.h:
src/base/escape.h:
src/base/buf.h:
src/content/frontmatter.h:
src/content/article.h:
src/base/utf8.h:
