build/test/test_file: test/unit/test_file.c test/unit/unit.h \
 src/base/buf.h src/base/err.h src/base/file.h src/base/buf.h
test/unit/unit.h:
src/base/buf.h:
src/base/err.h:
src/base/file.h:
src/base/buf.h:
