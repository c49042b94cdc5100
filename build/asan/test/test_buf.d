build/asan/test/test_buf: test/unit/test_buf.c test/unit/unit.h \
 src/base/buf.h src/base/err.h
test/unit/unit.h:
src/base/buf.h:
src/base/err.h:
