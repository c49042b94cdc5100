build/src/content/date.o: src/content/date.c src/content/date.h \
 src/base/buf.h src/base/err.h
src/content/date.h:
src/base/buf.h:
src/base/err.h:
