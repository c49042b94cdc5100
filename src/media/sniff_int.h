/*
 * sniff_int: the container readers sniff.c asks about ZIP and OLE2
 * files (sniff_container.c).  Not a public API.  They only look at
 * names and flags, never decompress, and stop at the end of the bytes
 * they are given.
 */
#ifndef GZ_SNIFF_INT_H
#define GZ_SNIFF_INT_H

#include <stddef.h>

/* What the entry names of a ZIP file say. */
struct sniff_zip {
	int complete; /* read from the central directory: every name */
	size_t entries;
	int content_types; /* [Content_Types].xml: an OOXML package */
	int word, xl, ppt; /* word/, xl/, ppt/ parts */
	int macros;        /* a vbaProject.bin */
	int ofd;           /* OFD.xml at the root */
	int mimetype;      /* "mimetype" first: OpenDocument or EPUB */
	int java;          /* META-INF/MANIFEST.MF or a .class */
	int android;       /* AndroidManifest.xml or classes.dex */
	int encrypted;     /* an entry with the encryption flag */
};

/*
 * Read the names of the ZIP file d[0..n), which starts with a local
 * header: from the central directory when it is within d, else from the
 * local headers as far as they go.
 */
void sniff_zip_scan(const unsigned char *d, size_t n, struct sniff_zip *z);

/* What the root of an OLE2 compound file holds. */
struct sniff_ole {
	int state;      /* 1 read; 0 the directory lies past n; -1 damaged */
	int word;       /* a WordDocument stream */
	int excel;      /* a Workbook or Book stream */
	int powerpoint; /* a "PowerPoint Document" stream */
	int encrypted;  /* EncryptedPackage (OOXML with a password), or a
	                 * WordDocument whose FIB says encrypted */
};

/*
 * Read the root directory of the OLE2 file d[0..n), which starts with
 * the OLE2 signature.  Returns GZ_OK or GZ_ENOMEM.
 */
int sniff_ole_scan(const unsigned char *d, size_t n, struct sniff_ole *o);

#endif
