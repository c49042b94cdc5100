build/src/content/article_json.o: src/content/article_json.c \
 src/content/article_json.h src/content/article.h src/base/err.h
src/content/article_json.h:
src/content/article.h:
src/base/err.h:
