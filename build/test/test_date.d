build/test/test_date: test/unit/test_date.c src/base/buf.h src/base/err.h \
 src/content/date.h test/unit/unit.h
src/base/buf.h:
src/base/err.h:
src/content/date.h:
test/unit/unit.h:
