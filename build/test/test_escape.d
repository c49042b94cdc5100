build/test/test_escape: test/unit/test_escape.c test/unit/unit.h \
 src/base/buf.h src/base/err.h src/base/escape.h src/base/buf.h
test/unit/unit.h:
src/base/buf.h:
src/base/err.h:
src/base/escape.h:
src/base/buf.h:
