build/test/test_utf8: test/unit/test_utf8.c test/unit/unit.h \
 src/base/utf8.h
test/unit/unit.h:
src/base/utf8.h:
