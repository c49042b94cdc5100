build/test/test_frontmatter: test/unit/test_frontmatter.c \
 src/content/article.h src/base/buf.h src/base/err.h src/base/file.h \
 src/base/buf.h src/content/frontmatter.h src/content/article.h \
 test/unit/unit.h
src/content/article.h:
src/base/buf.h:
src/base/err.h:
src/base/file.h:
src/base/buf.h:
src/content/frontmatter.h:
src/content/article.h:
test/unit/unit.h:
