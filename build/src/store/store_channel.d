build/src/store/store_channel.o: src/store/store_channel.c \
 src/store/store_int.h src/store/store.h src/content/article.h \
 src/base/buf.h src/base/err.h
src/store/store_int.h:
src/store/store.h:
src/content/article.h:
src/base/buf.h:
src/base/err.h:
