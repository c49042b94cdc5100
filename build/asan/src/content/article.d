build/asan/src/content/article.o: src/content/article.c \
 src/content/article.h src/base/err.h
src/content/article.h:
src/base/err.h:
