build/src/store/store_article.o: src/store/store_article.c \
 src/content/article_json.h src/content/article.h src/store/store_int.h \
 src/store/store.h src/content/article.h src/base/buf.h src/base/err.h
src/content/article_json.h:
src/content/article.h:
src/store/store_int.h:
src/store/store.h:
src/content/article.h:
src/base/buf.h:
src/base/err.h:
