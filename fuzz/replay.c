/*
 * replay: run a fuzz target over saved inputs without libFuzzer, so that
 * `make check` replays every corpus file and every crash ever found
 * (under AddressSanitizer and UBSan) with the ordinary compiler.
 *
 * Usage: fuzz_NAME FILE...   (exit 0 when every input ran)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i, n = 0;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *data = NULL;
		size_t len = 0, cap = 0, got;

		if (f == NULL) {
			perror(argv[i]);
			return 1;
		}
		do {
			if (len == cap) {
				cap = cap ? cap * 2 : 4096;
				if ((data = realloc(data, cap)) == NULL)
					abort();
			}
			got = fread(data + len, 1, cap - len, f);
			len += got;
		} while (got > 0);
		fclose(f);
		LLVMFuzzerTestOneInput(data, len);
		free(data);
		n++;
	}
	printf("%s: %d inputs replayed\n", argv[0], n);
	return 0;
}
