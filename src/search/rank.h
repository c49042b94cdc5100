/*
 * rank: the search index's ranking function, gazette_bm25(search, W...),
 * an FTS5 auxiliary function.
 *
 * It scores as FTS5's own bm25() does (k1 = 1.2, b = 0.75, a weight per
 * column, the score negated so that better is lower) but finds the
 * phrases' inverse document frequencies cheaply.  bm25() counts the
 * articles holding each phrase of the query by running the phrase as a
 * query of its own over the whole index: for a common phrase at 100,000
 * articles that alone takes ~10 ms, more than the rest of a search.
 * Here:
 *   - a query of one phrase (a run of Chinese, one word) needs none:
 *     the IDF multiplies every score alike and changes no order;
 *   - otherwise each phrase's count stops at RANK_DF_EXACT articles,
 *     and a phrase found that often has its count estimated from how
 *     far through the index (by rowid) those articles reached.
 */
#ifndef GZ_RANK_H
#define GZ_RANK_H

#include <sqlite3.h>

/* Counted exactly up to this many articles per phrase. */
#define RANK_DF_EXACT 500

/* Register gazette_bm25 with FTS5; SQLITE_OK or an SQLite error. */
int rank_register(fts5_api *api);

#endif
