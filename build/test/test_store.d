build/test/test_store: test/unit/test_store.c test/unit/unit.h \
 src/store/store.h src/content/article.h src/base/buf.h src/base/err.h
test/unit/unit.h:
src/store/store.h:
src/content/article.h:
src/base/buf.h:
src/base/err.h:
