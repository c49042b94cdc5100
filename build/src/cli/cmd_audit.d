build/src/cli/cmd_audit.o: src/cli/cmd_audit.c src/cli/cli.h \
 src/base/buf.h src/base/err.h src/store/store.h src/content/article.h \
 src/content/date.h
src/cli/cli.h:
src/base/buf.h:
src/base/err.h:
src/store/store.h:
src/content/article.h:
src/content/date.h:
