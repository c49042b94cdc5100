build/src/base/file.o: src/base/file.c src/base/file.h src/base/buf.h \
 src/base/err.h
src/base/file.h:
src/base/buf.h:
src/base/err.h:
