build/src/cli/cmd_user.o: src/cli/cmd_user.c src/cli/cli.h src/base/buf.h \
 src/base/err.h src/store/store.h src/content/article.h \
 src/auth/password.h
src/cli/cli.h:
src/base/buf.h:
src/base/err.h:
src/store/store.h:
src/content/article.h:
src/auth/password.h:
