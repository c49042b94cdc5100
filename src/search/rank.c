/*
 * rank: gazette_bm25, BM25 with cheap document frequencies.  See rank.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rank.h"

#define K1 1.2
#define B 0.75

/* What stays the same for every row of one query. */
struct rank_query {
	int nphrase;
	double avgdl;  /* tokens per article */
	double *idf;   /* per phrase */
	double *freq;  /* per phrase, for the row being scored */
};

/* Counting the articles that hold a phrase, up to RANK_DF_EXACT. */
struct df_count {
	sqlite3_int64 n, last_rowid;
};

static int
df_each(const Fts5ExtensionApi *api, Fts5Context *fts, void *p)
{
	struct df_count *c = p;

	c->last_rowid = api->xRowid(fts);
	return ++c->n >= RANK_DF_EXACT ? SQLITE_DONE : SQLITE_OK;
}

static int
query_new(const Fts5ExtensionApi *api, Fts5Context *fts,
    struct rank_query **out)
{
	struct rank_query *q;
	sqlite3_int64 nrow = 0, ntok = 0;
	int i, rc;

	*out = NULL;
	if ((rc = api->xRowCount(fts, &nrow)) != SQLITE_OK ||
	    (rc = api->xColumnTotalSize(fts, -1, &ntok)) != SQLITE_OK)
		return rc;
	if ((q = calloc(1, sizeof *q)) == NULL)
		return SQLITE_NOMEM;
	q->nphrase = api->xPhraseCount(fts);
	q->avgdl = nrow > 0 && ntok > 0 ? (double)ntok / (double)nrow : 1.0;
	if ((q->idf = calloc((size_t)q->nphrase + 1, sizeof *q->idf)) == NULL ||
	    (q->freq = calloc((size_t)q->nphrase + 1, sizeof *q->freq)) ==
	    NULL) {
		free(q->idf);
		free(q);
		return SQLITE_NOMEM;
	}
	for (i = 0; i < q->nphrase; i++) {
		struct df_count c = {0, 0};
		double df;

		if (q->nphrase == 1) {
			q->idf[i] = 1.0; /* scales every row alike */
			break;
		}
		if ((rc = api->xQueryPhrase(fts, i, &c, df_each)) !=
		    SQLITE_OK) {
			free(q->freq);
			free(q->idf);
			free(q);
			return rc;
		}
		df = (double)c.n;
		/* Stopped early: as many more as the rest of the rowids
		 * would hold at the same density. */
		if (c.n >= RANK_DF_EXACT && c.last_rowid > 0 &&
		    c.last_rowid < nrow)
			df = df * (double)nrow / (double)c.last_rowid;
		if (df > (double)nrow)
			df = (double)nrow;
		q->idf[i] = log((0.5 + (double)nrow - df) / (0.5 + df));
		if (q->idf[i] <= 0.0)
			q->idf[i] = 1e-6;
	}
	*out = q;
	return SQLITE_OK;
}

static void
query_free(void *p)
{
	struct rank_query *q = p;

	free(q->freq);
	free(q->idf);
	free(q);
}

/* gazette_bm25(search, weight of column 0, weight of column 1, ...) */
static void
rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
    int nval, sqlite3_value **val)
{
	struct rank_query *q = api->xGetAuxdata(fts, 0);
	double score = 0.0, d;
	int ninst = 0, i, rc, ntok = 0;

	if (q == NULL) {
		if ((rc = query_new(api, fts, &q)) != SQLITE_OK ||
		    (rc = api->xSetAuxdata(fts, q, query_free)) != SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
	}
	memset(q->freq, 0, sizeof *q->freq * (size_t)q->nphrase);
	if ((rc = api->xInstCount(fts, &ninst)) != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	for (i = 0; i < ninst; i++) {
		int phrase, col, off;
		if ((rc = api->xInst(fts, i, &phrase, &col, &off)) !=
		    SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
		q->freq[phrase] += col < nval ? sqlite3_value_double(val[col]) :
		    1.0;
	}
	if ((rc = api->xColumnSize(fts, -1, &ntok)) != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	d = (double)ntok;
	for (i = 0; i < q->nphrase; i++)
		score += q->idf[i] * (q->freq[i] * (K1 + 1.0)) /
		    (q->freq[i] + K1 * (1.0 - B + B * d / q->avgdl));
	sqlite3_result_double(ctx, -score);
}

int
rank_register(fts5_api *api)
{
	return api->xCreateFunction(api, "gazette_bm25", NULL, rank_fn, NULL);
}
