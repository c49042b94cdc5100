build/src/cli/cmd_import.o: src/cli/cmd_import.c src/cli/cli.h \
 src/base/buf.h src/base/err.h src/store/store.h src/content/article.h \
 src/content/export.h src/content/import.h
src/cli/cli.h:
src/base/buf.h:
src/base/err.h:
src/store/store.h:
src/content/article.h:
src/content/export.h:
src/content/import.h:
