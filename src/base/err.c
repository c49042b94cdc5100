/*
 * err: descriptions for the error enum.
 */
#include <errno.h>
#include <stddef.h>

#include "err.h"

static const char *const messages[GZ_ERR__COUNT] = {
	[GZ_OK] = "no error",
	[GZ_ENOMEM] = "out of memory",
	[GZ_EIO] = "input/output error",
	[GZ_EINVAL] = "invalid input",
	[GZ_ENOTFOUND] = "not found",
	[GZ_EEXIST] = "already exists",
	[GZ_ESTORE] = "database error",
	[GZ_EUTF8] = "invalid UTF-8",
	[GZ_ETOOBIG] = "too large",
	[GZ_EPERM] = "permission denied",
	[GZ_ENOSPC] = "no space left on device",
	[GZ_EBUSY] = "database is busy",
	[GZ_EVERSION] = "database was written by a newer Gazette",
	[GZ_ECONSTRAINT] = "constraint violated",
	[GZ_EAGAIN] = "try again",
};

const char *
gz_strerror(int e)
{
	if (e < 0 || e >= GZ_ERR__COUNT || messages[e] == NULL)
		return "unknown error";
	return messages[e];
}

int
gz_from_errno(int errnum)
{
	switch (errnum) {
	case 0:
		return GZ_OK;
	case ENOMEM:
		return GZ_ENOMEM;
	case ENOENT:
	case ENOTDIR:
		return GZ_ENOTFOUND;
	case EEXIST:
		return GZ_EEXIST;
	case EACCES:
	case EPERM:
	case EROFS:
		return GZ_EPERM;
	case ENOSPC:
	case EDQUOT:
	case EFBIG:
		return GZ_ENOSPC;
	case EINVAL:
		return GZ_EINVAL;
	default:
		return GZ_EIO;
	}
}
