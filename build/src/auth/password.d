build/src/auth/password.o: src/auth/password.c src/base/err.h \
 src/auth/password.h
src/base/err.h:
src/auth/password.h:
