build/asan/src/base/escape.o: src/base/escape.c src/base/escape.h \
 src/base/buf.h src/base/err.h
src/base/escape.h:
src/base/buf.h:
src/base/err.h:
